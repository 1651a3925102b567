from django.urls import path

from . import views

app_name = "figures"
urlpatterns = [
    path("kennzahlen/", views.index, name="index"),
    path("kennzahlen/erfassen/", views.entry, name="entry"),
    path("kennzahlen/import/", views.import_months, name="import"),
    path("kennzahlen/freigabe/", views.sharing, name="sharing"),
    path("kennzahlen/export.csv", views.export_csv, name="export_csv"),
    path("kennzahlen/export.ods", views.export_ods, name="export_ods"),
    path("kennzahlen/fehlend/", views.missing, name="missing"),
]
