"""The worker settings operators rely on when tasks run on many hosts."""

from config.celery_app import app
from onboarding.tasks import deliver_email


def test_tasks_are_json_late_acked_and_prefetched_one_at_a_time():
    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1


def test_hard_time_limit_is_above_the_soft_one_and_redelivery_waits_longer():
    conf = app.conf
    assert conf.task_soft_time_limit < conf.task_time_limit
    options = conf.broker_transport_options
    if conf.broker_url.startswith("redis"):
        assert options["visibility_timeout"] > conf.task_time_limit
    else:
        assert "data_folder_in" in options  # the embedded filesystem broker


def test_email_delivery_retries_with_backoff_and_its_own_limits():
    assert deliver_email.acks_late is True
    assert deliver_email.max_retries == 5
    assert deliver_email.soft_time_limit < deliver_email.time_limit
    assert OSError in deliver_email.autoretry_for
