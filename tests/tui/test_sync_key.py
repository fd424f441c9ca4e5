"""R in the app syncs with the [sync] server instead of fetching feeds itself."""

from __future__ import annotations

from reader.config import SyncConfig
from reader.storage import Store
from tests.sync.test_miniflux import TOKEN, FakeMiniflux, miniflux  # noqa: F401 (a fixture)
from tests.tui.conftest import AppFactory


async def test_R_syncs_with_the_server(
    make_app: AppFactory, miniflux: tuple[str, FakeMiniflux]  # noqa: F811
) -> None:
    url, _ = miniflux
    app = make_app(files=[])
    app.settings.sync = SyncConfig(service="miniflux", url=url, token=TOKEN)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("synced:") and "5 new articles" in m for m in messages), messages
        assert len(app.main.articles.article_ids) == 5  # the list follows the sync
    with Store.open(app.store.path.parent) as store:
        assert store.articles.count() == 5


async def test_a_failed_sync_says_why(make_app: AppFactory) -> None:
    app = make_app(files=[])
    app.settings.sync = SyncConfig(service="miniflux", url="http://127.0.0.1:9", token="x")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Sync failed: 127.0.0.1:9") for m in messages), messages
