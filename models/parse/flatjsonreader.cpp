#include "flatjsonreader.h"

#include "decimal.h"
#include "timestamp.h"
#include "urlpath.h"

#include <cstdlib>
#include <cstring>
#include <string>

namespace vigil {

namespace {

// A listed field's value, read the way jsonlinerules.h asks.
struct FlatValue {
    const FlatJsonField* field;
    const FlatJsonField* all; // the line's fields, for an object's own
};

bool readString(FlatValue& value, std::string_view& out);
bool readNumber(FlatValue& value, double& out);
bool readBool(FlatValue& value, bool& out);
int objectShape(FlatValue& value);
template <class Each> int forEachField(FlatValue& value, Each&& each);

#include "jsonlinerules.h"

bool readString(FlatValue& value, std::string_view& out) {
    if (value.field->kind != FlatJsonKind::String) return false;
    out = value.field->text;
    return true;
}

bool readNumber(FlatValue& value, double& out) {
    if (value.field->kind == FlatJsonKind::Number) {
        out = value.field->number;
        return true;
    }
    return value.field->kind == FlatJsonKind::String && numberFromString(value.field->text, out);
}

bool readBool(FlatValue& value, bool& out) {
    const FlatJsonKind kind = value.field->kind;
    out = kind == FlatJsonKind::True;
    return kind == FlatJsonKind::True || kind == FlatJsonKind::False;
}

int objectShape(FlatValue& value) {
    return value.field->kind == FlatJsonKind::Object ? 1 : 0;
}

template <class Each> int forEachField(FlatValue& value, Each&& each) {
    if (value.field->kind != FlatJsonKind::Object) return -1;
    const FlatJsonField* all = value.all;
    const auto end = value.field->next;
    for (auto i = static_cast<std::uint32_t>(value.field - all) + 1; i < end; i = all[i].next) {
        FlatValue inner{all + i, all};
        if (!each(all[i].key, inner)) return 0;
    }
    return 1;
}

} // namespace

bool FlatJsonReader::read(std::string_view json, ParsedLine& out) {
    if (!m_scanner.scan(json)) return false;
    m_keys = 0;
    Ranks ranks;
    const FlatJsonField* all = m_scanner.fields();
    const std::uint32_t count = m_scanner.fieldCount();
    // A listed value is never unreadable, so no rule rejects the line here: what simdjson
    // would refuse, the scanner has already declined.
    for (std::uint32_t i = 0; i < count; i = all[i].next) {
        FlatValue value{all + i, all};
        readField(all[i].key, value, 0, out, ranks, m_keys);
    }
    return true;
}

} // namespace vigil
