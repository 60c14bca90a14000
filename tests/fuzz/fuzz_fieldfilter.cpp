// The field filter the user types, then an entry to test it on: the first line of the input
// is the expression, the rest the entry's text. Parsed, and when valid, every condition is
// tried on every named field of the entry as the query engine does.

#include "fuzzseeds.h"

#include "models/query/entryfields.h"
#include "models/query/fieldexpression.h"
#include "models/query/queryengine.h"

#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    if (vigil::fuzz::seedDir().isEmpty()) return 0;
    const char* expressions[] = {"status>=500",
                                 "duration>5s",
                                 "request_id=req_abc",
                                 "data.tools_enabled=true",
                                 "logger~auth level>=warning",
                                 "id=\"two words\"",
                                 "duration<=850ms status!=200",
                                 "tokens>100 data.session_id~953"};
    int n = 0;
    vigil::fuzz::forEachSeed([&](const QByteArray& sample) {
        const QByteArray line = sample.left(sample.indexOf('\n') + 1);
        vigil::fuzz::writeSeed(QStringLiteral("filter-%1").arg(n),
                               QByteArray(expressions[n % 8]) + '\n' + line);
        ++n;
    });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t nl = input.find('\n');
    const std::string_view expression = input.substr(0, nl);
    const std::string_view text = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
    const vigil::FieldExpression parsed =
        vigil::parseFieldExpression(QString::fromUtf8(expression.data(), qsizetype(expression.size())));
    vigil::parseDurationSeconds(QString::fromUtf8(expression.data(), qsizetype(expression.size())));
    if (!parsed.ok()) return 0;
    vigil::EntryReader reader;
    const vigil::FieldList fields = reader.fields(text);
    for (const vigil::FieldCondition& c : parsed.conditions)
        for (const auto& field : fields)
            vigil::fieldValueMatches(c, field.second);
    return 0;
}
