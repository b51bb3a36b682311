from django.apps import AppConfig


class ProcessesConfig(AppConfig):
    name = "accord.processes"
    label = "processes"
