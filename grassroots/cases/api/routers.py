"""The cases router, shared by the reading and writing modules: a path such as /cases takes GET
and POST from one router (two routers would each claim the URL and answer 405 to the other's
method)."""

from ninja import Router

cases = Router(tags=["cases"])
