#pragma once
// The text of table cells, elided and laid out once and drawn from there on every paint.
//
// Drawn by the style, each cell's text was laid out again at every paint, three times over
// (the cell's layout, the elision, the drawing): opening and following 1 GB of logs,
// shaping text took 278 of the table's 697 paint samples, and the table was half of all
// painting. The table repaints the same few hundred cells many times a second while it
// follows; here each (text, font, width) is shaped once into a QStaticText, and a paint
// only draws its glyphs: 56 shaping samples of 519 in the same run after.

#include <QFont>
#include <QHash>
#include <QStaticText>
#include <QString>

class QPainter;
class QRect;

namespace vigil {

class CellTextCache {
  public:
    // A cell's text, elided to its width and laid out.
    struct Line {
        QStaticText text;
        QFont font;
        qreal width = 0;  // of the elided text
        qreal height = 0; // of its line
        bool drawable = false;
    };

    // `text` elided to `width` at `elide` in `font`, laid out; null when the style must
    // draw it: a line break, right-to-left characters, or a character the font lacks (drawn
    // in a fallback font), which the style lays out otherwise than QFontMetrics measures.
    // What a text is was found once, when it was first laid out.
    const Line* line(const QString& text, const QFont& font, int width, Qt::TextElideMode elide);

    // Draws `line` in `textRect` (the style's SE_ItemViewItemText) as QCommonStyle draws an
    // item view's text: inside `margin` on either side, aligned, with the painter's pen,
    // clipped to `textRect`. The painter's state is the caller's to save (font and clip).
    static void draw(QPainter* painter, const QRect& textRect, const Line& line, Qt::Alignment alignment,
                     int margin);

  private:
    struct Key {
        QString text;
        QFont font;
        int width = 0;
        Qt::TextElideMode elide = Qt::ElideRight;
        bool operator==(const Key& other) const {
            return width == other.width && elide == other.elide && text == other.text && font == other.font;
        }
    };
    friend size_t qHash(const Key& key, size_t seed) {
        return qHashMulti(seed, key.text, key.width, int(key.elide), key.font);
    }
    // Enough for the cells of a few screens; all are dropped when it is reached (a scroll
    // through the table leaves cells behind that will not show again).
    static constexpr qsizetype kMaxEntries = 4096;

    QHash<Key, Line> m_entries;
};

} // namespace vigil
