from frontline.dedup.names import drop_tokens, name_key, same_name


def test_outlet_spellings_match() -> None:
    assert same_name("North Star", "northstar.org")
    assert same_name("The Valley Herald", "valley herald")
    assert same_name("By Jane Roe", "Jane Roe")
    assert same_name("Café Noir", "cafe noir")


def test_different_or_missing_names_do_not_match() -> None:
    assert not same_name("North Star", "North Star Weekly")
    assert not same_name("North Star", None)
    assert not same_name("", "")
    assert not same_name("www.com", "the")  # nothing left after dropping


def test_drop_tokens_come_from_the_data_file() -> None:
    assert {"the", "www", "com"} <= drop_tokens()
    assert name_key("The WWW Example COM") == "example"
