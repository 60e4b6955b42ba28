"""Code tables carried on the card: sex (GB/T 2261.1) and nation (GB/T 3304)."""

from __future__ import annotations

SEX: dict[str, str] = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}

NATIONS: dict[str, str] = {
    "01": "汉", "02": "蒙古", "03": "回", "04": "藏", "05": "维吾尔", "06": "苗", "07": "彝",
    "08": "壮", "09": "布依", "10": "朝鲜", "11": "满", "12": "侗", "13": "瑶", "14": "白",
    "15": "土家", "16": "哈尼", "17": "哈萨克", "18": "傣", "19": "黎", "20": "傈僳", "21": "佤",
    "22": "畲", "23": "高山", "24": "拉祜", "25": "水", "26": "东乡", "27": "纳西", "28": "景颇",
    "29": "柯尔克孜", "30": "土", "31": "达斡尔", "32": "仫佬", "33": "羌", "34": "布朗",
    "35": "撒拉", "36": "毛南", "37": "仡佬", "38": "锡伯", "39": "阿昌", "40": "普米",
    "41": "塔吉克", "42": "怒", "43": "乌孜别克", "44": "俄罗斯", "45": "鄂温克", "46": "德昂",
    "47": "保安", "48": "裕固", "49": "京", "50": "塔塔尔", "51": "独龙", "52": "鄂伦春",
    "53": "赫哲", "54": "门巴", "55": "珞巴", "56": "基诺", "97": "其他",
    "98": "外国血统中国籍人士",
}

_NATION_CODES = {name: code for code, name in NATIONS.items()}
_SEX_CODES = {name: code for code, name in SEX.items()}


def sex_name(code: str) -> str | None:
    """'男' for '1' and so on; None for a code not in GB/T 2261.1."""
    return SEX.get(code)


def nation_name(code: str) -> str | None:
    """'汉' for '01' and so on; None for a code not in GB/T 3304."""
    return NATIONS.get(code)


def sex_code(name: str) -> str | None:
    """The code of a sex name ('男' -> '1'), for SDKs that hand out names instead of codes."""
    return _SEX_CODES.get(name.strip())


def nation_code(name: str) -> str | None:
    """The code of a nation name; accepts the '族' suffix SDKs often add ('汉族' -> '01')."""
    value = name.strip()
    code = _NATION_CODES.get(value)
    if code is None and value.endswith("族"):
        code = _NATION_CODES.get(value[:-1])
    return code
