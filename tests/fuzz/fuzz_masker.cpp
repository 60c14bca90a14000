// Log text through the masking policy, as every output sends it: UTF-8 and QString paths,
// field masking with the first line as the field's name, and the one-line form for
// terminals and commands, which must hold no control character whatever came in.

#include "models/secrets/safetext.h"
#include "models/secrets/secretmasker.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const vigil::SecretMasker masker;
    const std::string masked = masker.mask(input);
    const QString text = QString::fromUtf8(input.data(), qsizetype(input.size()));
    masker.mask(text);
    const std::size_t nl = input.find('\n');
    if (nl != std::string_view::npos)
        masker.maskField(QString::fromUtf8(input.data(), qsizetype(nl)), text.mid(qsizetype(nl) + 1));
    if (vigil::SecretMasker(true).mask(input) != input) std::abort(); // revealing changes nothing
    for (const QChar c : vigil::shownLogValue(text))
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) std::abort(); // one line, no escapes
    return 0;
}
