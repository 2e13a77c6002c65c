from django.urls import path

from grassroots.cases.views import cards, detail, lists, queues, rates, report

app_name = "cases"
urlpatterns = [
    path("new/", report.report_case, name="report"),
    path("mine/", report.my_cases, name="mine"),
    path("<int:pk>/", detail.case_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", detail.case_action, name="act"),
    path("photos/<int:pk>/", detail.photo, name="photo"),
    path("<int:pk>/dispatch/", queues.dispatch_case, name="dispatch"),
    path("workbench/", queues.workbench, name="workbench"),
    path("workbench/dispatch/", queues.bulk_dispatch, name="bulk_dispatch"),
    path("inbox/", queues.unit_inbox, name="inbox"),
    path("board/", queues.claim_board, name="board"),
    path("cards/<int:pk>/", cards.card_page, name="card"),
    path("cards/<int:pk>.pdf", cards.card_pdf, name="card_pdf"),
    path("rates/", rates.rates_page, name="rates"),
    path("list/", lists.case_list_page, name="list"),
    path("list.xlsx", lists.case_list_ledger, name="list_xlsx"),
]
