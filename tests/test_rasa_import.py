"""Rasa 3.6 imports with the pinned packaging (packaging>=21 breaks it with 'cannot import name LegacyVersion')."""


def test_rasa_and_rasa_sdk_import():
    import packaging
    import rasa
    import rasa_sdk

    assert rasa.__version__ == "3.6.21"
    assert rasa_sdk.__version__ == "3.6.2"
    assert packaging.__version__ == "20.9"
