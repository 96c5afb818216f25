"""The participation procedures: the office's and members' pages under /beteiligung/,
the participants' pages under /beteiligung/verfahren/ (the public pages are in `public`)."""

app_name = "participation"

urlpatterns = []
