"""The payments API is described in the OpenAPI schema, with money as strings."""

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_schema_documents_every_payments_endpoint(capsys):
    call_command("spectacular", "--validate", "--fail-on-warn")
    schema = yaml.safe_load(capsys.readouterr().out)
    paths = schema["paths"]
    assert set(paths["/api/v1/providers/"]) == {"get"}
    assert {p["name"] for p in paths["/api/v1/providers/"]["get"]["parameters"]} == {
        "country",
        "currency",
    }
    assert set(paths["/api/v1/application/survey/"]) == {"get", "put"}
    assert set(paths["/api/v1/quotes/"]) == {"post"}
    assert set(paths["/api/v1/application/providers/"]) == {"get", "put"}
    money = schema["components"]["schemas"]["Money"]["properties"]
    assert money["amount"]["type"] == "string"
    assert money["currency"]["type"] == "string"
