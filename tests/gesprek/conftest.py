import pytest


@pytest.fixture(autouse=True)
def tijdelijke_database(tmp_path, monkeypatch):
    """Every test gets its own SQLite database; the repository's wegwijs.db is never touched."""
    import bot.actions.overdracht as overdracht

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'wegwijs.db'}")
    overdracht.opslag.cache_clear()
    yield
    overdracht.opslag.cache_clear()
