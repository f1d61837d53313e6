#include "records.hpp"

namespace wenyuan::publish {
namespace {

using json = nlohmann::json;

json language_map(const std::string& zh, const std::string& en) {
    json out = json::object();
    if (!zh.empty()) out["zh"] = {zh};
    if (!en.empty()) out["en"] = {en};
    if (out.empty()) out["none"] = {""};
    return out;
}

std::string xml_escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default:
                if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') out += c;
        }
    }
    return out;
}

}  // namespace

json iiif_manifest(const Item& item, const Shown& shown, const std::string& id, const std::string& dc_url) {
    const std::string base = id.substr(0, id.rfind('/') + 1);
    json manifest = {{"@context", "http://iiif.io/api/presentation/3/context.json"},
                     {"id", id},
                     {"type", "Manifest"},
                     {"label", language_map(item.title, item.title_en)}};
    if (!item.description.empty() || !item.description_en.empty()) {
        manifest["summary"] = language_map(item.description, item.description_en);
    }
    json metadata = json::array();
    const std::pair<const char*, const std::string*> fields[] = {
        {"Date", &item.date}, {"Period", &item.period}, {"Material", &item.material}, {"Dimensions", &item.dimensions},
        {"Place", &item.place}, {"Creator", &item.creator}, {"Source", &item.source}, {"Type", &item.type}};
    for (const auto& [label, value] : fields) {
        if (!value->empty()) metadata.push_back({{"label", {{"en", {label}}}}, {"value", {{"none", {*value}}}}});
    }
    if (!metadata.empty()) manifest["metadata"] = metadata;
    if (!item.rights.empty()) {
        manifest["requiredStatement"] = {{"label", {{"en", {"Rights"}}}}, {"value", {{"none", {item.rights}}}}};
    }
    if (item.license.rfind("http", 0) == 0) manifest["rights"] = item.license;
    manifest["seeAlso"] = {{{"id", dc_url}, {"type", "Dataset"}, {"format", "application/xml"},
                            {"profile", "http://www.openarchives.org/OAI/2.0/oai_dc/"}}};
    if (!shown.thumbnail.empty()) manifest["thumbnail"] = {{{"id", shown.thumbnail}, {"type", "Image"}, {"format", "image/jpeg"}}};
    manifest["items"] = json::array();
    if (shown.kind.empty()) return manifest;

    const std::string canvas_id = base + "canvas/1";
    json canvas = {{"id", canvas_id}, {"type", "Canvas"}};
    if (shown.width > 0 && shown.height > 0) {
        canvas["width"] = shown.width;
        canvas["height"] = shown.height;
    }
    if (shown.duration > 0) canvas["duration"] = shown.duration;
    json body = {{"id", shown.url}, {"type", shown.kind}, {"format", shown.mime}};
    if (shown.body_width > 0 && shown.body_height > 0 && shown.kind != "Model") {
        body["width"] = shown.body_width;
        body["height"] = shown.body_height;
    }
    if (shown.duration > 0) body["duration"] = shown.duration;
    if (!shown.image_service.empty()) {
        body["service"] = {{{"id", shown.image_service}, {"type", "ImageService3"}, {"profile", "level0"}}};
    }
    canvas["items"] = {{{"id", base + "page/1"}, {"type", "AnnotationPage"},
                        {"items", {{{"id", base + "annotation/1"}, {"type", "Annotation"}, {"motivation", "painting"},
                                    {"body", body}, {"target", canvas_id}}}}}};
    if (!shown.captions.empty()) {
        json annotations = json::array();
        for (std::size_t i = 0; i < shown.captions.size(); ++i) {
            json text = {{"id", shown.captions[i].url}, {"type", "Text"}, {"format", "text/vtt"}};
            if (!shown.captions[i].lang.empty()) text["language"] = shown.captions[i].lang;
            annotations.push_back({{"id", base + "captions/" + std::to_string(i + 1)}, {"type", "Annotation"},
                                   {"motivation", "supplementing"}, {"body", text}, {"target", canvas_id}});
        }
        canvas["annotations"] = {{{"id", base + "captions"}, {"type", "AnnotationPage"}, {"items", annotations}}};
    }
    manifest["items"].push_back(canvas);
    return manifest;
}

std::string dublin_core(const Item& item, const std::string& identifier, const std::string& format) {
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" "
                      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                      "xsi:schemaLocation=\"http://www.openarchives.org/OAI/2.0/oai_dc/ "
                      "http://www.openarchives.org/OAI/2.0/oai_dc.xsd\">\n";
    const auto element = [&](const char* name, const std::string& value, const char* lang = nullptr) {
        if (value.empty()) return;
        xml += std::string("  <dc:") + name + (lang ? std::string(" xml:lang=\"") + lang + "\"" : "") + ">" +
               xml_escape(value) + "</dc:" + name + ">\n";
    };
    element("title", item.title, "zh");
    element("title", item.title_en, "en");
    element("description", item.description, "zh");
    element("description", item.description_en, "en");
    element("creator", item.creator);
    element("date", item.date);
    element("type", item.type);
    element("format", format);
    element("identifier", identifier);
    element("source", item.source);
    element("rights", item.rights);
    element("rights", item.license);
    element("coverage", item.place);
    element("coverage", item.period);
    for (const std::string& keyword : item.keywords) element("subject", keyword);
    xml += "</oai_dc:dc>\n";
    return xml;
}

}  // namespace wenyuan::publish
