from django.urls import path

from payments import apis
from payments.views import comparison, survey, tools

urlpatterns = [
    path("survey/", survey.overview, name="survey"),
    path("survey/<slug:key>/", survey.page, name="survey_page"),
    path("providers/", comparison.providers, name="providers"),
    path("providers/estimate/", comparison.estimate, name="providers_estimate"),
    path("tools/withdrawal-fee/", tools.withdrawal_fee, name="withdrawal_fee"),
]

api_urlpatterns = [
    path("providers/", apis.ProvidersApi.as_view(), name="api_providers"),
    path("quotes/", apis.QuotesApi.as_view(), name="api_quotes"),
    path("application/survey/", apis.SurveyApi.as_view(), name="api_survey"),
    path("application/providers/", apis.SelectionApi.as_view(), name="api_selection"),
]
