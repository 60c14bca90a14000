#include "filterstate.h"

#include <QRegularExpression>

namespace vigil {

FilterState FilterState::onlyFields(const QString& fields) {
    FilterState state;
    state.fields = fields;
    return state;
}

QString FilterState::tracedId() const {
    if (*this != onlyFields(fields)) return {};
    static const QRegularExpression traced(QStringLiteral("^\\s*id=(\"([^\"]+)\"|(\\S+))\\s*$"));
    const QRegularExpressionMatch m = traced.match(fields);
    if (!m.hasMatch()) return {};
    return m.captured(2).isEmpty() ? m.captured(3) : m.captured(2);
}

bool FilterState::differsOnlyInText(const FilterState& other) const {
    FilterState a = *this;
    a.search = other.search;
    a.fields = other.fields;
    return a == other;
}

QVariantMap FilterState::toVariant() const {
    QVariantMap map;
    map.insert(QStringLiteral("search"), search);
    map.insert(QStringLiteral("regex"), regex);
    map.insert(QStringLiteral("case"), caseSensitive);
    map.insert(QStringLiteral("fields"), fields);
    map.insert(QStringLiteral("levels"), levelsShown);
    map.insert(QStringLiteral("hidden"), hiddenInstances);
    map.insert(QStringLiteral("range"), range);
    map.insert(QStringLiteral("from"), customFromUs);
    map.insert(QStringLiteral("to"), customToUs);
    return map;
}

FilterState FilterState::fromVariant(const QVariantMap& map) {
    FilterState s;
    s.search = map.value(QStringLiteral("search")).toString();
    s.regex = map.value(QStringLiteral("regex")).toBool();
    s.caseSensitive = map.value(QStringLiteral("case")).toBool();
    s.fields = map.value(QStringLiteral("fields")).toString();
    s.levelsShown = map.value(QStringLiteral("levels"), 0xFFu).toUInt();
    s.hiddenInstances = map.value(QStringLiteral("hidden")).toStringList();
    s.hiddenInstances.sort();
    s.range = qBound(int(AllTime), map.value(QStringLiteral("range")).toInt(), int(Custom));
    s.customFromUs = map.value(QStringLiteral("from")).toLongLong();
    s.customToUs = map.value(QStringLiteral("to")).toLongLong();
    if (s.range == Custom && s.customFromUs == 0) s.range = AllTime;
    return s;
}

bool FilterState::operator==(const FilterState& o) const {
    return search == o.search && regex == o.regex && caseSensitive == o.caseSensitive && fields == o.fields &&
           levelsShown == o.levelsShown && hiddenInstances == o.hiddenInstances && range == o.range &&
           (range != Custom || (customFromUs == o.customFromUs && customToUs == o.customToUs));
}

} // namespace vigil
