"""Cases over the JSON API: list, report, read, timeline, every transition as an action, and the
reference data (categories, rates).

Every case is reached through `access_case` / `cases_visible_to`, so a case outside the caller's
scope is a 404 exactly as an unknown one. Actions ask `permissions.refusal` as the case page
does and call the same services with their own typed input; refusals map to 403 (not yours), 409
(state moved on), 404 (a reference that cannot be chosen) and 400 (input outside the schema).
"""

from ninja import Router

from grassroots.cases.api import reading, writing  # noqa: F401 (they fill the cases router)
from grassroots.cases.api.reference import router as reference_router
from grassroots.cases.api.routers import cases

router = Router()
router.add_router("", cases)
router.add_router("", reference_router)
