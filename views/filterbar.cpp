#include "filterbar.h"

#include "levelcolors.h"
#include "stablewidth.h"
#include "wraprow.h"

#include "models/metrics/timemath.h"
#include "models/query/fieldexpression.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace vigil {

namespace {
constexpr Level kToggled[] = {Level::Trace,   Level::Debug, Level::Info,
                              Level::Warning, Level::Error, Level::Critical};
enum RangeChoice { RangeAll, Range5Min, Range15Min, Range1Hour, RangeCustom };

void markInvalid(QLineEdit* edit, bool invalid) {
    edit->setStyleSheet(invalid ? QStringLiteral("QLineEdit { border: 1px solid #d03030; }") : QString());
}
} // namespace

FilterBar::FilterBar(QWidget* parent) : QWidget(parent) {
    auto* bar = new QVBoxLayout(this);
    bar->setContentsMargins(4, 2, 4, 2);
    auto* row = new WrapRow(this);
    bar->addWidget(row);
    // The level toggles, then (beside them, or below on a narrow window) search and filters.
    QHBoxLayout* layout = row->first();
    for (Level level : kToggled) {
        auto* button = new QToolButton(this);
        const auto name = levelName(level);
        button->setObjectName(QStringLiteral("level-") +
                              QString::fromLatin1(name.data(), qsizetype(name.size())).toLower());
        button->setText(QString::fromLatin1(name.data(), qsizetype(name.size())));
        button->setCheckable(true);
        button->setChecked(true);
        button->setToolTip(tr("Show %1 entries").arg(button->text()));
        connect(button, &QToolButton::toggled, this, &FilterBar::changed);
        layout->addWidget(button);
        m_levels[level] = button;
    }
    colourLevelButtons();
    layout = row->second();
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("search"));
    m_search->setPlaceholderText(tr("Search entries (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(120);
    layout->addWidget(m_search, 3);
    m_regex = new QToolButton(this);
    m_regex->setText(QStringLiteral(".*"));
    m_regex->setToolTip(tr("Regular expression"));
    m_regex->setCheckable(true);
    layout->addWidget(m_regex);
    m_case = new QToolButton(this);
    m_case->setText(QStringLiteral("Aa"));
    m_case->setToolTip(tr("Match case"));
    m_case->setCheckable(true);
    layout->addWidget(m_case);
    layout->addSpacing(8);
    m_fields = new QLineEdit(this);
    m_fields->setObjectName(QStringLiteral("fields"));
    m_fields->setPlaceholderText(tr("Fields: status>=500 duration>5s request_id=req_…"));
    m_fields->setClearButtonEnabled(true);
    m_fields->setMinimumWidth(120);
    layout->addWidget(m_fields, 2);
    m_fieldError = new QLabel(this);
    m_fieldError->setObjectName(QStringLiteral("fieldError"));
    m_fieldError->setStyleSheet(QStringLiteral("QLabel { color: #d03030; }"));
    m_fieldError->setVisible(false);
    m_fieldError->setMaximumWidth(240); // the full reason is in its tooltip
    layout->addWidget(m_fieldError);
    m_range = new QComboBox(this);
    m_range->addItems({tr("All time"), tr("Last 5 min"), tr("Last 15 min"), tr("Last 1 h"), tr("Custom…")});
    m_range->setToolTip(tr("Time range, measured back from the newest entry"));
    layout->addWidget(m_range);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150);
    connect(m_search, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_fields, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, [this] {
        validateSearch();
        validateFields();
        Q_EMIT changed();
    });
    for (QToolButton* b : {m_regex, m_case})
        connect(b, &QToolButton::toggled, this, [this] {
            validateSearch();
            Q_EMIT changed();
        });
    connect(m_range, qOverload<int>(&QComboBox::activated), this, [this](int choice) {
        if (choice == RangeCustom) chooseCustomRange();
        Q_EMIT changed();
    });
}

void FilterBar::colourLevelButtons() {
    for (const auto& [level, button] : m_levels) {
        const QColor colour = levelTextColor(level, palette());
        button->setStyleSheet(colour.isValid() && level >= Level::Warning
                                  ? QStringLiteral("QToolButton { color: %1; }").arg(colour.name())
                                  : QString());
    }
}

void FilterBar::changeEvent(QEvent* event) {
    // A light/dark theme switch changes the level colours.
    if (event->type() == QEvent::PaletteChange) colourLevelButtons();
    QWidget::changeEvent(event);
}

QToolButton* FilterBar::levelButton(Level level) const {
    auto it = m_levels.find(level);
    return it == m_levels.end() ? nullptr : it->second;
}

void FilterBar::validateSearch() {
    const QString text = m_search->text();
    if (m_regex->isChecked() && !text.isEmpty()) {
        const QRegularExpression re(text);
        if (!re.isValid()) {
            markInvalid(m_search, true);
            m_search->setToolTip(tr("Invalid regular expression: %1 (the previous search stays applied)")
                                     .arg(re.errorString()));
            return;
        }
    }
    markInvalid(m_search, false);
    m_search->setToolTip(QString());
    m_validText = text.toStdString();
    m_validRegex = m_regex->isChecked();
    m_validCase = m_case->isChecked();
}

void FilterBar::validateFields() {
    const FieldExpression parsed = parseFieldExpression(m_fields->text());
    markInvalid(m_fields, !parsed.ok());
    m_fieldError->setText(
        m_fieldError->fontMetrics().elidedText(parsed.error, Qt::ElideRight, m_fieldError->maximumWidth()));
    m_fieldError->setToolTip(parsed.error);
    m_fieldError->setVisible(!parsed.ok());
    if (parsed.ok()) m_validFields = parsed.conditions;
}

void FilterBar::setCustomRange(std::int64_t fromUs, std::int64_t toUs) {
    m_customFrom = fromUs;
    m_customTo = toUs;
    m_range->setCurrentIndex(RangeCustom);
    Q_EMIT changed();
}

void FilterBar::chooseCustomRange() {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Custom time range"));
    auto* form = new QFormLayout(&dialog);
    auto* from = new QDateTimeEdit(&dialog);
    auto* to = new QDateTimeEdit(&dialog);
    for (auto* edit : {from, to}) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setCalendarPopup(true);
    }
    const QDateTime now = QDateTime::currentDateTime();
    from->setDateTime(m_customFrom ? QDateTime::fromMSecsSinceEpoch(msFromUs(m_customFrom))
                                   : now.addSecs(-3600));
    to->setDateTime(m_customTo ? QDateTime::fromMSecsSinceEpoch(msFromUs(m_customTo)) : now);
    form->addRow(tr("From"), from);
    form->addRow(tr("To"), to);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted) {
        m_customFrom = from->dateTime().toMSecsSinceEpoch() * 1000;
        m_customTo = to->dateTime().toMSecsSinceEpoch() * 1000 + 999999;
    } else if (!m_customFrom) {
        m_range->setCurrentIndex(RangeAll);
    }
}

FilterSpec FilterBar::spec(std::int64_t newestUs) const {
    FilterSpec spec;
    // Entries without a level (lines in no known format) are never hidden by a level choice.
    spec.levelMask = 1u << unsigned(Level::None);
    for (const auto& [level, button] : m_levels)
        if (button->isChecked()) spec.levelMask |= 1u << unsigned(level);
    spec.text = m_validText;
    spec.regex = m_validRegex;
    spec.caseSensitive = m_validCase;
    spec.fields = m_validFields;
    const std::int64_t minute = 60'000'000;
    switch (m_range->currentIndex()) {
    case Range5Min:
        spec.fromUs = newestUs - 5 * minute;
        break;
    case Range15Min:
        spec.fromUs = newestUs - 15 * minute;
        break;
    case Range1Hour:
        spec.fromUs = newestUs - 60 * minute;
        break;
    case RangeCustom:
        if (m_customFrom) spec.fromUs = m_customFrom, spec.toUs = m_customTo;
        break;
    default:
        break;
    }
    return spec;
}

void FilterBar::updateCounts(const StoreCounters& counters, const LevelCounts& passing) {
    for (const auto& [level, button] : m_levels) {
        const auto name = levelName(level);
        const std::uint64_t n = passing[std::size_t(level)];
        setTextStableWidth(
            button,
            QStringLiteral("%1 %2").arg(QString::fromLatin1(name.data(), qsizetype(name.size()))).arg(n));
        button->setToolTip(tr("Show %1 entries: %2 of them pass the other filters")
                               .arg(QString::fromLatin1(name.data(), qsizetype(name.size())))
                               .arg(n));
        // Levels no entry has stay out of the way.
        const std::uint64_t any = counters.byLevel[std::size_t(level)];
        button->setVisible(any > 0 || level == Level::Error || level == Level::Warning ||
                           level == Level::Info);
    }
}

void FilterBar::setFieldText(const QString& text) {
    m_fields->setText(text);
    m_debounce->stop();
    validateFields();
    Q_EMIT changed();
}

bool FilterBar::relativeRange() const {
    const int choice = m_range->currentIndex();
    return choice == Range5Min || choice == Range15Min || choice == Range1Hour;
}

bool FilterBar::pending() const {
    return m_debounce->isActive();
}

void FilterBar::focusSearch() {
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void FilterBar::clear() {
    const QSignalBlocker b1(m_search), b2(m_fields), b3(m_regex), b4(m_case);
    m_search->clear();
    m_fields->clear();
    for (const auto& [level, button] : m_levels) {
        const QSignalBlocker blocker(button);
        button->setChecked(true);
    }
    m_range->setCurrentIndex(RangeAll);
    m_debounce->stop();
    validateSearch();
    validateFields();
    Q_EMIT changed();
}

FilterState FilterBar::state() const {
    FilterState state;
    state.search = m_search->text();
    state.regex = m_regex->isChecked();
    state.caseSensitive = m_case->isChecked();
    state.fields = m_fields->text();
    for (const auto& [level, button] : m_levels)
        if (!button->isChecked()) state.levelsShown &= ~(1u << unsigned(level));
    state.range = m_range->currentIndex();
    state.customFromUs = m_customFrom;
    state.customToUs = m_customTo;
    return state;
}

void FilterBar::setState(const FilterState& state) {
    {
        const QSignalBlocker b1(m_search), b2(m_fields), b3(m_regex), b4(m_case);
        m_search->setText(state.search);
        m_regex->setChecked(state.regex);
        m_case->setChecked(state.caseSensitive);
        m_fields->setText(state.fields);
        // Set, not typed: show where the text starts (`id=…` rather than its tail).
        m_search->setCursorPosition(0);
        m_fields->setCursorPosition(0);
        for (const auto& [level, button] : m_levels) {
            const QSignalBlocker blocker(button);
            button->setChecked(state.levelsShown & (1u << unsigned(level)));
        }
        m_customFrom = state.customFromUs;
        m_customTo = state.customToUs;
        m_range->setCurrentIndex(state.range == RangeCustom && !m_customFrom ? RangeAll : state.range);
        m_debounce->stop();
        validateSearch();
        validateFields();
    }
    Q_EMIT changed();
}

} // namespace vigil
