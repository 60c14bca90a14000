#pragma once
// Every filter control's setting as one value: search text and its options, the field
// conditions as typed, the level toggles, the instances unticked (by name, so a saved view
// still means the same after a restart) and the time range. What the filter history steps
// through, what a saved view keeps, and what following a request id replaces.

#include <QString>
#include <QStringList>
#include <QVariant>

namespace vigil {

struct FilterState {
    enum Range { AllTime, Last5Min, Last15Min, Last1Hour, Custom };

    QString search;
    bool regex = false;
    bool caseSensitive = false;
    QString fields;
    quint32 levelsShown = 0xFFu; // bit (1 << int(Level)) per level toggle that is on
    QStringList hiddenInstances; // sorted
    int range = AllTime;
    qint64 customFromUs = 0, customToUs = 0;

    // Every entry of every instance, at every level, over all time, with this field filter
    // (`id=req_abc`: one request's path across the deployment).
    static FilterState onlyFields(const QString& fields);
    // The correlation id this state traces (`id=VALUE` and nothing else), or empty.
    QString tracedId() const;
    // Whether this differs from `other` only in what is typed (search or field text).
    bool differsOnlyInText(const FilterState& other) const;

    QVariantMap toVariant() const;
    static FilterState fromVariant(const QVariantMap& map);

    bool operator==(const FilterState& o) const;
    bool operator!=(const FilterState& o) const { return !(*this == o); }
};

} // namespace vigil
