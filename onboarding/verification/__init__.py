"""Document verification: pure checks on an uploaded file, run in order by `pipeline`.

Nothing here touches the ORM, settings or storage, so the checks run the same in a Celery
worker, a test or a benchmark. The package init stays empty on purpose: importing
`onboarding.verification.base` (for the outcome choices) must not load numpy or Pillow.
"""
