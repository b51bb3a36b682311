from django.apps import AppConfig


class RecordConfig(AppConfig):
    name = "accord.record"
    label = "record"
