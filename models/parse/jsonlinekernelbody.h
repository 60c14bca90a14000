// The on-demand JSON line reader's body, compiled once per simdjson kernel: simdjson builds
// its on-demand API only for the kernel the compiler flags allow, so each jsonlinekernel*.cpp
// sets its flags and includes this inside its own namespace (no symbol is shared between
// kernels, so no AVX code can stand in for the baseline one). Not a header for anyone else.
// Expects VIGIL_JSON_KERNEL (namespace), VIGIL_JSON_KERNEL_NAME and VIGIL_JSON_KERNEL_FACTORY.

#include "decimal.h"
#include "jsonlinekernel.h"
#include "timestamp.h"
#include "urlpath.h"

#include <simdjson.h>

#include <cstdlib>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <cstring>
#include <string>

namespace vigil {
namespace VIGIL_JSON_KERNEL {

namespace od = simdjson::ondemand;

namespace {

// The value functions jsonlinerules.h reads through, defined below it.
bool readString(od::value& value, std::string_view& out);
bool readNumber(od::value& value, double& out);
bool readBool(od::value& value, bool& out);
int objectShape(od::value& value);
template <class Each> int forEachField(od::value& value, Each&& each);

#include "jsonlinerules.h"

bool readString(od::value& value, std::string_view& out) {
    return !value.get_string().get(out);
}

bool readNumber(od::value& value, double& out) {
    od::json_type type;
    if (value.type().get(type)) return false;
    if (type == od::json_type::number) return !value.get_double().get(out);
    std::string_view s;
    return type == od::json_type::string && !value.get_string().get(s) && numberFromString(s, out);
}

bool readBool(od::value& value, bool& out) {
    return !value.get_bool().get(out);
}

int objectShape(od::value& value) {
    od::json_type type;
    if (value.type().get(type)) return -1;
    return type == od::json_type::object ? 1 : 0;
}

// A key as written when it has no escape, which is every key looked for: unescaping each
// key into the parser's string buffer was 2 % of a scan. Keys with escapes are unescaped.
bool fieldKey(od::field& field, std::string_view& out) {
    const char* raw = field.key().raw();
    // Stage 1 found the closing quote, and the padding after the line makes reading 16
    // bytes past any byte of it safe.
    const char* end = raw;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    for (;; end += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(end));
        const int stops =
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
        if (stops != 0) {
            end += __builtin_ctz(static_cast<unsigned>(stops));
            break;
        }
    }
#else
    while (*end != '"' && *end != '\\')
        ++end;
#endif
    if (*end == '"') {
        out = std::string_view(raw, static_cast<std::size_t>(end - raw));
        return true;
    }
    return !field.unescaped_key().get(out);
}

template <class Each> bool eachField(od::object& object, Each&& each) {
    for (auto field : object) {
        // Used in place: copying the field out of its result reloads, in 16 bytes, what
        // was just stored in 8 and 4, and that stall was half of this loop's time.
        if (field.error()) return false;
        od::field& f = field.value_unsafe();
        std::string_view key;
        if (!fieldKey(f, key) || !each(key, f.value())) return false;
    }
    return true;
}

template <class Each> int forEachField(od::value& value, Each&& each) {
    od::object object;
    if (value.get_object().get(object)) return -1;
    return eachField(object, each) ? 1 : 0;
}

class Reader final : public JsonLineKernel {
  public:
    bool read(std::string_view json, std::size_t readable, ParsedLine& out) override;
    const char* name() const override { return VIGIL_JSON_KERNEL_NAME; }

  private:
    od::parser m_parser;
    std::string m_padded;
};

bool Reader::read(std::string_view json, std::size_t readable, ParsedLine& out) {
    m_keys = 0;
    const char* data = json.data();
    if (readable < json.size() + simdjson::SIMDJSON_PADDING) {
        m_padded.assign(json.data(), json.size());
        m_padded.append(simdjson::SIMDJSON_PADDING, '\0');
        data = m_padded.data();
        readable = m_padded.size();
    }
    od::document doc;
    if (m_parser.iterate(data, json.size(), readable).get(doc)) return false;
    od::object object;
    if (doc.get_object().get(object)) return false;
    Ranks ranks;
    return eachField(object, [&](std::string_view key, od::value& value) {
        return readField(key, value, 0, out, ranks, m_keys);
    });
}

} // namespace
} // namespace VIGIL_JSON_KERNEL

std::unique_ptr<JsonLineKernel> VIGIL_JSON_KERNEL_FACTORY() {
    return std::make_unique<VIGIL_JSON_KERNEL::Reader>();
}

} // namespace vigil
