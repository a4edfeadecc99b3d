#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace berth {

/// Fields of an application/x-www-form-urlencoded text (a POST body or a query string), parsed
/// strictly: every field is name=value, '+' is a space, percent escapes must be complete hex, the
/// decoded text must be valid UTF-8 without control characters, names are not empty.
class FormParser
{
public:
    static constexpr int MaxFields = 100;

    struct Form
    {
        QList<QPair<QString, QString>> fields;
        QString error; ///< why the text was refused; empty when it parsed

        bool ok() const { return error.isEmpty(); }
        bool has(const QString& name) const;
        /// The value of a field that must appear at most once; `duplicate` is set when it repeats.
        QString value(const QString& name, bool* duplicate = nullptr) const;
        QStringList values(const QString& name) const;
    };

    static Form parse(const QByteArray& text);
    /// Decodes one percent-encoded component; false when malformed.
    static bool decode(const QByteArray& in, QString* out);
};

} // namespace berth
