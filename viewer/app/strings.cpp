#include "app/strings.hpp"

namespace wenyuan::kiosk {

namespace {

struct Pair {
    const char* zh;
    const char* en;
};

constexpr Pair kStrings[] = {
    {"搜索", "Search"},
    {"返回", "Back"},
    {"首页", "Home"},
    {"开始导览", "Start the tour"},
    {"上一件", "Previous"},
    {"下一件", "Next"},
    {"大字", "Large"},
    {"长者模式", "Elder mode"},
    {"中 / EN", "中 / EN"},
    {"轻触屏幕开始参观", "轻触屏幕开始参观"},
    {"Touch to begin", "Touch to begin"},
    {"这次参观您满意吗？", "Did you enjoy your visit?"},
    {"跳过", "Skip"},
    {"谢谢您的评价！", "Thank you!"},
    {"请输入拼音或首字母，如 qingtong 或 qt", "Type pinyin or initials, e.g. qingtong or qt"},
    {"大家都在看", "Popular exhibits"},
    {"找到 %d 件", "%d found"},
    {"没有同时包含所有字的展品，以下是相近的结果", "Nothing has every word; these come close"},
    {"清空", "Clear"},
    {"删除", "Delete"},
    {"空格", "Space"},
    {"导览", "Tour"},
    {"第 %d 站 / 共 %d 站", "Stop %d of %d"},
    {"结束导览", "End the tour"},
    {"朗读", "Read aloud"},
    {"停止", "Stop"},
    {"年代", "Period"},
    {"地点", "Place"},
    {"质地", "Material"},
    {"时间", "Date"},
    {"暂时无法显示", "Not available right now"},
    {"管理员密码", "Admin PIN"},
    {"退出", "Exit"},
    {"取消", "Cancel"},
    {"密码不对", "Wrong PIN"},
    {"三维模型", "3D model"},
    {"视频", "Video"},
    {"音频", "Audio"},
    {"正在加载", "Loading"},
    {"%d 件展品", "%d exhibits"},
    {"展厅", "Halls"},
    {"放大", "Zoom in"},
    {"缩小", "Zoom out"},
    {"复位", "Reset"},
    {"播放", "Play"},
    {"暂停", "Pause"},
    {"此展品只有文字介绍", "This exhibit is told in words"},
};
static_assert(sizeof kStrings / sizeof kStrings[0] == std::size_t(Text::count_), "one pair per Text");

}  // namespace

const char* tr(Text text, bool english) {
    const Pair& pair = kStrings[std::size_t(text)];
    return english ? pair.en : pair.zh;
}

std::vector<std::string> all_ui_strings() {
    std::vector<std::string> out;
    for (const Pair& pair : kStrings) {
        out.emplace_back(pair.zh);
        out.emplace_back(pair.en);
    }
    out.emplace_back("…·—「」《》（）：，。！？、；“”‘’×÷±");
    out.emplace_back("大字 / 长者模式 标准 / 长者模式 EN / 中 下一站 上一站");
    return out;
}

}  // namespace wenyuan::kiosk
