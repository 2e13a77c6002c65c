"""The transfer card: its PDF says what the card says, and only those who see the case get it."""

import pytest
from django.urls import reverse

from grassroots.cases import services
from grassroots.cases.cards import render_card_pdf
from grassroots.cases.tests import factories as f
from grassroots.core.models import AuditEntry
from grassroots.core.tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def card():
    f.pair("县委组织部", "火神庙后巷小区")
    case = f.accepted("火神庙后巷小区", staff="staff")
    return services.dispatch_case(actor=f.user("staff"), case=case, lead=f.unit("县委组织部"))


def test_pdf_text_holds_the_cards_facts(card):
    text = pdf_text(render_card_pdf(card, base_url="http://testserver/"))
    assert card.number == f"夏转批〔{card.year}〕{card.serial:04d}号"  # headed by 夏县
    for expected in (
        "事项转批卡",
        card.number,
        "县委组织部",
        "城西社区",
        "火神庙后巷小区",
        "下水道堵塞",
    ):
        assert expected in text
    due = card.due_at.astimezone().strftime("%Y")  # the year is printed with the deadline
    assert f"{due}年" in text


def test_pdf_download_is_logged_and_scoped(client, card):
    client.force_login(f.user("staff"))
    response = client.get(reverse("cases:card_pdf", args=[card.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action="export", target_id=str(card.pk)).count() == 1
    client.force_login(f.user("secretary"))  # 城北社区: not this case's community
    assert client.get(reverse("cases:card_pdf", args=[card.pk])).status_code == 404
    assert client.get(reverse("cases:card", args=[card.pk])).status_code == 404


def test_print_page_shows_the_card_with_a_qr_code(client, card):
    client.force_login(f.user("staff"))
    body = client.get(reverse("cases:card", args=[card.pk])).content.decode()
    assert card.number in body and "data:image/svg+xml;base64," in body
    assert body.count("夏转批〔") >= 2  # the page's title and the card
