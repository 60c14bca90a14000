#include "lokiresponse.h"

#include "models/parse/decimal.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace vigil {

namespace {

bool readTimestamp(simdjson::dom::element e, std::int64_t* ns) {
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double d = 0;
    std::string_view s;
    if (e.get_int64().get(i) == simdjson::SUCCESS) {
        *ns = i;
        return true;
    }
    if (e.get_uint64().get(u) == simdjson::SUCCESS) return false; // past 2262
    if (e.get_string().get(s) == simdjson::SUCCESS) return parseLokiTimestamp(s, ns);
    if (e.get_double().get(d) == simdjson::SUCCESS && std::isfinite(d) && d >= 0 && d < 9.2e18) {
        *ns = static_cast<std::int64_t>(d);
        return true;
    }
    return false;
}

bool readStream(simdjson::dom::element s, LokiStream& out, std::uint64_t& count) {
    simdjson::dom::object labels;
    simdjson::dom::array values;
    if (s["stream"].get_object().get(labels) != simdjson::SUCCESS) return false;
    if (s["values"].get_array().get(values) != simdjson::SUCCESS) return false;
    for (auto field : labels) {
        std::string_view value;
        if (field.value.get_string().get(value) != simdjson::SUCCESS) continue;
        out.labels.emplace_back(std::string(field.key), std::string(value));
    }
    std::sort(out.labels.begin(), out.labels.end());
    out.key = "{";
    for (const auto& [name, value] : out.labels) {
        if (out.key.size() > 1) out.key += ", ";
        out.key += name + "=\"" + value + "\"";
    }
    out.key += "}";
    for (simdjson::dom::element v : values) {
        simdjson::dom::array pair;
        if (v.get_array().get(pair) != simdjson::SUCCESS) continue;
        simdjson::dom::element ts, line;
        if (pair.at(0).get(ts) != simdjson::SUCCESS || pair.at(1).get(line) != simdjson::SUCCESS) continue;
        LokiEntry entry;
        std::string_view text;
        if (!readTimestamp(ts, &entry.ns) || line.get_string().get(text) != simdjson::SUCCESS) continue;
        entry.line.assign(text);
        out.entries.push_back(std::move(entry));
        ++count;
    }
    return true;
}

} // namespace

std::string_view LokiStream::label(std::string_view name) const {
    for (const auto& [n, v] : labels)
        if (n == name) return v;
    return {};
}

bool parseLokiTimestamp(std::string_view text, std::int64_t* ns) {
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc() && end == text.data() + text.size()) {
        *ns = value;
        return true;
    }
    double d = 0;
    if (!parseDecimal(text, d) || !std::isfinite(d) || d < 0 || d >= 9.2e18) return false;
    *ns = static_cast<std::int64_t>(d);
    return true;
}

LokiResponse parseLokiResponse(std::string_view json) {
    LokiResponse r;
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS) {
        r.error = QStringLiteral("the server's answer is not JSON");
        return r;
    }
    simdjson::dom::array streams;
    std::string_view status;
    if (root["status"].get_string().get(status) == simdjson::SUCCESS) {
        if (status != "success") {
            std::string_view message;
            if (root["error"].get_string().get(message) != simdjson::SUCCESS) message = {};
            r.error = QStringLiteral("the server answered %1%2")
                          .arg(QString::fromUtf8(status.data(), int(status.size())),
                               message.empty() ? QString()
                                               : QStringLiteral(": ") +
                                                     QString::fromUtf8(message.data(), int(message.size())));
            return r;
        }
        std::string_view type;
        if (root["data"]["resultType"].get_string().get(type) == simdjson::SUCCESS && type != "streams") {
            r.error = QStringLiteral("the selector gave %1, not log streams")
                          .arg(QString::fromUtf8(type.data(), int(type.size())));
            return r;
        }
        if (root["data"]["result"].get_array().get(streams) != simdjson::SUCCESS) {
            r.error = QStringLiteral("the server's answer holds no streams");
            return r;
        }
    } else if (root["streams"].get_array().get(streams) != simdjson::SUCCESS) {
        simdjson::dom::array dropped;
        if (root["dropped_entries"].get_array().get(dropped) == simdjson::SUCCESS) {
            r.dropped = dropped.size();
            return r;
        }
        r.error = QStringLiteral("the server's answer holds no streams");
        return r;
    }
    for (simdjson::dom::element s : streams) {
        LokiStream stream;
        if (readStream(s, stream, r.entries)) r.streams.push_back(std::move(stream));
    }
    simdjson::dom::array dropped;
    if (root["dropped_entries"].get_array().get(dropped) == simdjson::SUCCESS) r.dropped = dropped.size();
    return r;
}

} // namespace vigil
