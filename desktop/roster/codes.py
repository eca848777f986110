"""Code tables stored in the roster, with their labels marked for translation.

Stored values are national standard codes where one exists (GB/T 4761 relationships, GB/T 4762
political status, GB 3304 ethnic groups) so exports line up with government systems; labels are
translated where shown with ``_(label)``.
"""

from __future__ import annotations

from desktop.core.i18n import N_

SEXES = {"1": N_("Male"), "2": N_("Female"), "0": N_("Unknown")}

# GB/T 4761-2008 家庭关系代码 (the codes offices use; the standard's group codes are kept for
# imports that only know "子" or "女").
RELATIONSHIPS = {
    "02": N_("Head of household"),  # 户主
    "10": N_("Spouse"),  # 配偶
    "11": N_("Husband"),  # 夫
    "12": N_("Wife"),  # 妻
    "20": N_("Son"),  # 子
    "27": N_("Adopted son or stepson"),  # 养子或继子
    "28": N_("Son-in-law"),  # 女婿
    "30": N_("Daughter"),  # 女
    "37": N_("Adopted daughter or stepdaughter"),  # 养女或继女
    "38": N_("Daughter-in-law"),  # 儿媳
    "40": N_("Grandchild"),  # 孙子、孙女或外孙子、外孙女
    "41": N_("Grandson (son's son)"),  # 孙子
    "42": N_("Granddaughter (son's daughter)"),  # 孙女
    "43": N_("Grandson (daughter's son)"),  # 外孙子
    "44": N_("Granddaughter (daughter's daughter)"),  # 外孙女
    "50": N_("Parent"),  # 父母
    "51": N_("Father"),  # 父亲
    "52": N_("Mother"),  # 母亲
    "53": N_("Father-in-law (husband's father)"),  # 公公
    "54": N_("Mother-in-law (husband's mother)"),  # 婆婆
    "55": N_("Father-in-law (wife's father)"),  # 岳父
    "56": N_("Mother-in-law (wife's mother)"),  # 岳母
    "60": N_("Grandparent"),  # 祖父母或外祖父母
    "70": N_("Sibling"),  # 兄弟姐妹
    "71": N_("Elder brother"),  # 兄
    "73": N_("Younger brother"),  # 弟
    "75": N_("Elder sister"),  # 姐姐
    "77": N_("Younger sister"),  # 妹妹
    "97": N_("Other relative"),  # 其他亲属
    "99": N_("Not related"),  # 非亲属
}
HEAD_RELATIONSHIP = "02"

RESIDENCE_STATUSES = {
    "permanent": N_("Permanent resident"),  # 常住
    "temporary": N_("Temporary resident"),  # 暂住
    "floating": N_("Floating population"),  # 流动
    "separated": N_("Registered elsewhere / living elsewhere"),  # 人户分离
    "registered_only": N_("Registered only"),  # 空挂户
}

# GB/T 4762 政治面貌代码
POLITICAL_STATUSES = {
    "01": N_("CPC member"),  # 中共党员
    "02": N_("CPC probationary member"),  # 中共预备党员
    "03": N_("CYL member"),  # 共青团员
    "04": N_("Democratic party member"),  # 民主党派 (04–11 collapsed)
    "12": N_("Independent"),  # 无党派人士
    "13": N_("Ordinary citizen"),  # 群众
}

# GB 3304-1991 民族代码
ETHNICITIES = {
    "01": N_("Han"),  # 汉族
    "02": N_("Mongol"),  # 蒙古族
    "03": N_("Hui"),  # 回族
    "04": N_("Tibetan"),  # 藏族
    "05": N_("Uyghur"),  # 维吾尔族
    "06": N_("Miao"),  # 苗族
    "07": N_("Yi"),  # 彝族
    "08": N_("Zhuang"),  # 壮族
    "09": N_("Buyei"),  # 布依族
    "10": N_("Korean (Chaoxian)"),  # 朝鲜族
    "11": N_("Manchu"),  # 满族
    "12": N_("Dong"),  # 侗族
    "13": N_("Yao"),  # 瑶族
    "14": N_("Bai"),  # 白族
    "15": N_("Tujia"),  # 土家族
    "16": N_("Hani"),  # 哈尼族
    "17": N_("Kazakh"),  # 哈萨克族
    "18": N_("Dai"),  # 傣族
    "19": N_("Li"),  # 黎族
    "20": N_("Lisu"),  # 傈僳族
    "21": N_("Va"),  # 佤族
    "22": N_("She"),  # 畲族
    "23": N_("Gaoshan"),  # 高山族
    "24": N_("Lahu"),  # 拉祜族
    "25": N_("Shui"),  # 水族
    "26": N_("Dongxiang"),  # 东乡族
    "27": N_("Nakhi"),  # 纳西族
    "28": N_("Jingpo"),  # 景颇族
    "29": N_("Kyrgyz"),  # 柯尔克孜族
    "30": N_("Tu"),  # 土族
    "31": N_("Daur"),  # 达斡尔族
    "32": N_("Mulao"),  # 仫佬族
    "33": N_("Qiang"),  # 羌族
    "34": N_("Blang"),  # 布朗族
    "35": N_("Salar"),  # 撒拉族
    "36": N_("Maonan"),  # 毛南族
    "37": N_("Gelao"),  # 仡佬族
    "38": N_("Xibe"),  # 锡伯族
    "39": N_("Achang"),  # 阿昌族
    "40": N_("Pumi"),  # 普米族
    "41": N_("Tajik"),  # 塔吉克族
    "42": N_("Nu"),  # 怒族
    "43": N_("Uzbek"),  # 乌孜别克族
    "44": N_("Russian (ethnic group)"),  # 俄罗斯族
    "45": N_("Evenki"),  # 鄂温克族
    "46": N_("De'ang"),  # 德昂族
    "47": N_("Bonan"),  # 保安族
    "48": N_("Yugur"),  # 裕固族
    "49": N_("Gin"),  # 京族
    "50": N_("Tatar"),  # 塔塔尔族
    "51": N_("Derung"),  # 独龙族
    "52": N_("Oroqen"),  # 鄂伦春族
    "53": N_("Hezhen"),  # 赫哲族
    "54": N_("Monba"),  # 门巴族
    "55": N_("Lhoba"),  # 珞巴族
    "56": N_("Jino"),  # 基诺族
    "97": N_("Other ethnic group"),  # 其他
    "98": N_("Naturalised citizen of foreign origin"),  # 外国血统中国籍人士
}

COMPOUND_KINDS = {
    "commercial": N_("Commercial housing"),  # 商品房
    "old": N_("Old residential compound"),  # 老旧小区
    "resettlement": N_("Resettlement housing"),  # 回迁房
    "affordable": N_("Affordable housing"),  # 保障房
    "reformed": N_("Former work-unit housing"),  # 房改房
    "work_unit": N_("Work-unit compound"),  # 单位大院
    "self_built": N_("Self-built housing"),  # 自建房
    "other": N_("Other"),  # 其他
}

# Built-in tags: the groups the office looks after. Users add their own beside these.
BUILTIN_TAGS = {
    "party_member": N_("Party member"),  # 党员
    "resident_representative": N_("Resident representative"),  # 居民代表
    "elderly": N_("Elderly"),  # 老年人 (一老)
    "child": N_("Child"),  # 儿童 (一小)
    "new_employment": N_("Gig worker"),  # 新就业群体 (一新)
    "lives_alone": N_("Elderly living alone"),  # 独居老人
    "disabled": N_("Disabled"),  # 残疾人
    "low_income": N_("Low-income (dibao)"),  # 低保
    "hardship": N_("Hardship"),  # 困难群体
    "veteran": N_("Veteran"),  # 退役军人
    "volunteer": N_("Volunteer"),  # 志愿者
}
