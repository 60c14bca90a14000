#include "widthfold.h"

namespace vigil {

bool foldFullWidth(std::string_view utf8, std::string& out) {
    const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
    const std::size_t n = utf8.size();
    std::size_t i = 0;
    while (i < n && !fullWidthFormAt(p + i, n - i))
        ++i;
    if (i == n) return false;
    std::string folded(utf8.substr(0, i));
    folded.reserve(n);
    while (i < n) {
        if (!fullWidthFormAt(p + i, n - i)) {
            folded += char(p[i++]);
            continue;
        }
        // EF BC 81-BF are U+FF01-U+FF3F, EF BD 80-9E U+FF40-U+FF5E, E3 80 80 U+3000.
        const unsigned codePoint =
            p[i] == 0xE3 ? 0x3000u : 0xFF00u | (unsigned(p[i + 1] & 0x03) << 6) | (p[i + 2] & 0x3Fu);
        folded += asciiOfFullWidth(codePoint);
        i += 3;
    }
    out = std::move(folded);
    return true;
}

} // namespace vigil
