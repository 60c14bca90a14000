#pragma once
// Full-width forms of ASCII read as the ASCII they stand for, so that a secret's name written
// in them is masked as the name itself: "ｐａｓｓｗｏｒｄ＝hunter2" (U+FF50 ... U+FF1D) names a
// password to a reader as plainly as "password=hunter2", and a masker comparing bytes alone
// showed it. The forms are U+FF01-U+FF5E (ASCII 0x21-0x7E) and the ideographic space U+3000.

#include <string>
#include <string_view>

namespace vigil {

// Whether the UTF-8 bytes at p (of `left`) begin a full-width form: a cheap test for a scan
// that looks at every byte.
inline bool fullWidthFormAt(const unsigned char* p, std::size_t left) {
    if (left < 3) return false;
    if (p[0] == 0xEF) return p[1] == 0xBC ? p[2] >= 0x81 : p[1] == 0xBD && p[2] <= 0x9E;
    return p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80;
}

// The ASCII character a full-width form's code point stands for, or 0 for any other.
inline char asciiOfFullWidth(unsigned codePoint) {
    if (codePoint == 0x3000u) return ' ';
    return codePoint >= 0xFF01u && codePoint <= 0xFF5Eu ? char(0x21 + (codePoint - 0xFF01u)) : 0;
}

// `utf8` with every full-width form replaced by its ASCII character, into `out`; false,
// leaving `out` as it was, when the text holds none.
bool foldFullWidth(std::string_view utf8, std::string& out);

} // namespace vigil
