from desktop.core.masking import mask_id_number, mask_name, mask_phone


def test_names():
    assert mask_name("张三明") == "张*明"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳小明") == "欧**明"
    assert mask_name("张") == "张"
    assert mask_name("") == ""
    assert mask_name("Alice") == "A***e"


def test_phones():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0571-87654321") == "0571-****4321"
    assert mask_phone("057187654321") == "0571****4321"
    assert mask_phone("+8613812345678") == "+86138****5678"
    assert mask_phone("12345") == "***45"
    assert mask_phone("110") == "**0"
    assert mask_phone("") == ""


def test_id_numbers():
    assert mask_id_number("330106199003071234") == "330106********1234"
    assert mask_id_number("33010619900307X") != "33010619900307X"
    assert mask_id_number("33010690030712") == "**********0712"
    assert mask_id_number("") == ""
