#include "jsonfields.h"

#include <QByteArray>
#include <QJsonDocument>

#include <simdjson.h>

namespace vigil {

namespace {
void flatten(simdjson::dom::element e, std::string& path, FieldList& out) {
    using simdjson::dom::element_type;
    switch (e.type()) {
    case element_type::OBJECT: {
        simdjson::dom::object object;
        if (e.get_object().get(object)) return;
        for (auto field : object) {
            const std::size_t keep = path.size();
            if (!path.empty()) path += '.';
            path += field.key;
            flatten(field.value, path, out);
            path.resize(keep);
        }
        return;
    }
    case element_type::STRING: {
        std::string_view text;
        if (!e.get_string().get(text)) out.emplace_back(path, std::string(text));
        return;
    }
    default:
        out.emplace_back(path, simdjson::minify(e));
        return;
    }
}
} // namespace

FieldList flattenJsonFields(std::string_view json) {
    FieldList out;
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(json.data(), json.size(), true).get(root) ||
        root.type() != simdjson::dom::element_type::OBJECT)
        return out;
    std::string path;
    flatten(root, path, out);
    return out;
}

std::string prettyJson(std::string_view text) {
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(text.data(), qsizetype(text.size())));
    if (!doc.isObject()) return std::string(text);
    QByteArray indented = doc.toJson(QJsonDocument::Indented).trimmed();
    return std::string(indented.constData(), std::size_t(indented.size()));
}

} // namespace vigil
