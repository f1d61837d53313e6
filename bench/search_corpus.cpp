#include "search_corpus.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace wenyuan::bench {
namespace {

struct Object {
    const char* zh;
    const char* en;
    const char* category;  // relic category code
    const char* material;
};

// Relics by category, with the English a cataloguer would write.
constexpr Object kRelics[] = {
    {"青铜鼎", "bronze ding", "04", "青铜"},         {"青铜爵", "bronze jue wine vessel", "04", "青铜"},
    {"青铜镜", "bronze mirror", "04", "青铜"},       {"铜钱", "copper coin", "14", "铜"},
    {"青花瓷碗", "blue-and-white porcelain bowl", "03", "瓷"}, {"青瓷盘", "celadon dish", "03", "瓷"},
    {"白瓷瓶", "white porcelain vase", "03", "瓷"},   {"粉彩瓷罐", "famille rose jar", "03", "瓷"},
    {"彩陶罐", "painted pottery jar", "02", "陶"},     {"灰陶俑", "grey pottery figure", "02", "陶"},
    {"玉璧", "jade bi disc", "01", "玉"},             {"玉琮", "jade cong", "01", "玉"},
    {"石刻佛像", "carved stone Buddha", "08", "石"},   {"墓志铭", "epitaph stone", "09", "石"},
    {"山水画", "landscape painting", "10", "纸本水墨"}, {"行书条幅", "running-script calligraphy", "10", "纸"},
    {"族谱", "clan genealogy", "20", "纸"},           {"县志", "county gazetteer", "20", "纸"},
    {"碑帖拓本", "stele rubbing", "21", "纸"},         {"铁犁", "iron plough", "06", "铁"},
    {"漆盒", "lacquer box", "07", "漆木"},             {"木雕门窗", "carved wooden window", "16", "木"},
    {"银簪", "silver hairpin", "05", "银"},           {"刺绣衣裙", "embroidered skirt", "19", "丝"},
    {"古琴", "guqin zither", "28", "木"},             {"官印", "official seal", "13", "铜"},
    {"地契", "land deed", "25", "纸"},                 {"粮票", "grain coupon", "31", "纸"},
};

constexpr Object kIndustrial[] = {
    {"车床", "lathe", "", "钢铁"},       {"蒸汽机车", "steam locomotive", "", "钢铁"},
    {"纺纱机", "spinning frame", "", "钢铁"}, {"龙窑", "dragon kiln", "", "砖"},
    {"水力磨坊", "water mill", "", "木石"}, {"铁索桥", "iron chain bridge", "", "铁"},
    {"盐井", "brine well", "", "石"},     {"厂房", "factory workshop", "", "砖混"},
};

constexpr Object kIntangible[] = {
    {"川剧变脸", "Sichuan opera face changing", "IV", ""}, {"蜀绣", "Shu embroidery", "VII", ""},
    {"剪纸", "paper cutting", "VII", ""},                 {"皮影戏", "shadow puppetry", "IV", ""},
    {"竹编技艺", "bamboo weaving", "VIII", ""},          {"龙舟竞渡", "dragon boat racing", "X", ""},
    {"山歌", "mountain songs", "II", ""},                {"评书", "storytelling", "V", ""},
    {"蜡染", "batik dyeing", "VIII", ""},                {"中医针灸", "acupuncture", "IX", ""},
};

constexpr std::pair<const char*, int> kPeriods[] = {
    {"商", -1300},  {"西周", -900}, {"春秋", -600}, {"战国", -350},  {"秦", -215},
    {"西汉", -100}, {"东汉", 120},  {"唐", 750},    {"北宋", 1050},  {"南宋", 1200},
    {"元", 1300},   {"明", 1500},   {"清", 1800},   {"中华民国", 1930}, {"中华人民共和国", 1965},
};

constexpr const char* kPlaces[] = {
    "四川省广汉市三星堆", "四川省成都市郫都区", "陕西省宝鸡市扶风县", "河南省安阳市殷墟", "江西省景德镇市",
    "浙江省龙泉市", "湖南省长沙市马王堆", "山西省平遥县", "云南省大理白族自治州", "贵州省黔东南州",
    "安徽省黄山市歙县", "福建省泉州市", "甘肃省敦煌市", "湖北省随州市曾都区", "广东省潮州市",
    "江苏省苏州市吴中区", "山东省曲阜市", "河北省定州市", "辽宁省沈阳市铁西区", "重庆市大足区",
    "上海市杨浦区", "黑龙江省齐齐哈尔市", "新疆吐鲁番市", "西藏日喀则市", "青海省西宁市",
};

constexpr const char* kVillages[] = {"李家村", "王家坝", "石桥镇", "青龙乡", "柳树湾", "桃花村", "马鞍山村", "白鹤镇"};

constexpr const char* kPhrases[] = {
    "器身饰有精美纹样", "出土于古墓葬", "保存较为完整", "反映了当地的生产生活", "是研究地方历史的重要实物",
    "由村民捐赠", "经专家鉴定", "造型古朴", "工艺精湛", "纹饰清晰", "釉色温润", "通体施釉", "铭文记载了祭祀活动",
    "口沿略有残缺", "见证了工业发展的历程", "曾是全县最大的工厂", "老工人回忆", "代代相传", "传承人口述",
    "每逢节日表演", "村里的老人都记得", "记录了家族迁徙", "是当地的重要文化遗产", "色彩鲜艳", "线条流畅",
    "采用传统工艺制作", "具有浓郁的地方特色", "曾在博物馆展出", "已列入非物质文化遗产名录", "修复后重新展出",
};

// Older records were typed in traditional characters.
constexpr const char* kTraditional[] = {"見證了歷史變遷", "書法遒勁有力", "青銅器表面有綠鏽", "刺繡針法細膩", "族譜記載詳實"};

constexpr const char* kQualities[] = {
    "古朴", "精美", "厚重", "轻巧", "素雅", "华丽", "斑驳", "完好", "罕见", "典型", "细腻", "粗犷", "庄重", "灵动",
    "稀有", "珍贵", "朴素", "繁复", "简洁", "独特", "规整", "匀称", "生动", "传神",
};

constexpr const char* kThings[] = {
    "纹饰", "造型", "胎质", "釉面", "笔墨", "刻工", "构图", "色泽", "器形", "款识", "线条", "工艺", "结构", "装饰",
    "字迹", "印章", "题跋", "底座", "提梁", "器盖", "腹部", "口沿", "圈足", "把手", "机身", "齿轮", "木构", "屋檐",
    "唱腔", "身段", "针法", "刀法", "配色", "图案", "曲调", "唱词", "鼓点", "舞步",
};

constexpr const char* kEvents[] = {
    "征集入藏", "重新修缮", "参加展览", "完成登记", "拍摄记录", "出版图录", "申报名录", "建立档案", "开展培训",
    "举办演出", "收徒传艺", "迁建保护", "整理出版", "数字化采集",
};

constexpr const char* kEnglish[] = {
    "Excavated from a tomb", "donated by villagers", "decorated with cloud patterns", "in good condition",
    "an important record of local history", "inscribed with a dedication", "made by traditional methods",
    "shown at the county museum", "restored in 2015", "used until the factory closed",
};

constexpr const char* kKeywords[] = {
    "祭祀", "礼器", "生活用具", "农耕", "家族", "宗教", "工业", "手工艺", "节庆", "民俗", "书画", "文献", "教育", "商贸", "交通",
};

constexpr const char* kPeople[] = {"张秀英", "李德明", "王桂芳", "陈志刚", "刘春兰", "杨建国", "赵淑珍", "黄永福"};

template <class T, std::size_t N>
const T& pick(std::mt19937_64& random, const T (&list)[N]) {
    return list[random() % N];
}

// Clauses: stock phrases, a quality of a part ("纹饰精美"), a dated event, now and then old
// traditional-character text.
void add_sentences(std::string& out, std::mt19937_64& random, int count) {
    for (int i = 0; i < count; ++i) {
        const auto kind = random() % 100;
        if (kind < 30) {
            out += pick(random, kPhrases);
        } else if (kind < 75) {
            out += std::string(pick(random, kThings)) + pick(random, kQualities);
        } else if (kind < 97) {
            out += std::to_string(1950 + random() % 75) + "年" + pick(random, kEvents);
        } else {
            out += pick(random, kTraditional);
        }
        out += i + 1 == count ? "。" : "，";
    }
}

}  // namespace

Item CorpusGenerator::next() {
    ++count_;
    Item item;
    const auto kind = random_() % 10;
    const auto& [period, year] = pick(random_, kPeriods);
    const std::string place = pick(random_, kPlaces);
    const std::string village = pick(random_, kVillages);
    if (kind < 6) {
        const Object& object = pick(random_, kRelics);
        const std::string_view category = object.category;
        item.type = category == "20" || category == "25" ? "document" : "relic";
        item.title = std::string(period) + object.zh;
        item.title_en = std::string(object.en) + ", " + period;
        item.relic_category = object.category;
        item.material = object.material;
        item.period = period;
        item.year_start = year + static_cast<int>(random_() % 60);
        item.year_end = *item.year_start + 20;
    } else if (kind < 7) {
        const Object& object = pick(random_, kIndustrial);
        const int year_made = 1900 + static_cast<int>(random_() % 90);
        item.type = random_() % 3 == 0 ? "industrial_site" : "industrial_object";
        item.title = village + std::to_string(year_made) + "年" + object.zh;
        item.title_en = std::string(object.en) + " (" + std::to_string(year_made) + ")";
        item.material = object.material;
        item.year_start = year_made;
    } else if (kind < 9) {
        const Object& object = pick(random_, kIntangible);
        item.type = kind == 7 ? "ich" : "inheritor";
        item.title = kind == 7 ? village + object.zh : std::string(pick(random_, kPeople)) + "：" + object.zh + "传承人";
        item.title_en = std::string(object.en) + (kind == 7 ? "" : " inheritor");
        item.ich_category = object.category;
        item.creator = pick(random_, kPeople);
    } else {
        item.type = "story";
        item.title = village + "村史：" + pick(random_, kKeywords) + "的故事";
        item.year_start = 1950 + static_cast<int>(random_() % 60);
    }
    item.place = place + village;
    item.keywords = {pick(random_, kKeywords), pick(random_, kKeywords)};
    add_sentences(item.description, random_, 4 + static_cast<int>(random_() % 4));
    if (random_() % 3 == 0) {
        item.description_en = std::string(pick(random_, kEnglish)) + "; " + pick(random_, kEnglish) + ".";
    }
    const auto access = random_() % 20;
    item.access = access == 0 ? Access::restricted : access == 1 ? Access::internal : Access::public_access;
    return item;
}

}  // namespace wenyuan::bench
