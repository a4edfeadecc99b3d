#include "auth/FormParser.h"

#include <QStringDecoder>

namespace berth {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

bool FormParser::decode(const QByteArray& in, QString* out)
{
    QByteArray bytes;
    bytes.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '+') {
            bytes.append(' ');
        } else if (c == '%') {
            if (i + 2 >= in.size())
                return false;
            const int hi = hexValue(in[i + 1]);
            const int lo = hexValue(in[i + 2]);
            if (hi < 0 || lo < 0)
                return false;
            bytes.append(char(hi * 16 + lo));
            i += 2;
        } else {
            bytes.append(c);
        }
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (utf8.hasError())
        return false;
    for (QChar ch : text) {
        if (ch.unicode() < 0x20 || ch.unicode() == 0x7f)
            return false;
    }
    *out = text;
    return true;
}

FormParser::Form FormParser::parse(const QByteArray& text)
{
    Form form;
    if (text.isEmpty())
        return form;
    const QList<QByteArray> pairs = text.split('&');
    if (pairs.size() > MaxFields) {
        form.error = QStringLiteral("The form has more than %1 fields.").arg(MaxFields);
        return form;
    }
    for (int i = 0; i < pairs.size(); ++i) {
        const QByteArray& pair = pairs[i];
        const qsizetype eq = pair.indexOf('=');
        if (eq <= 0) {
            form.error = QStringLiteral("Form field %1 is not of the form name=value.").arg(i + 1);
            form.fields.clear();
            return form;
        }
        QString name;
        QString value;
        if (!decode(pair.left(eq), &name) || !decode(pair.mid(eq + 1), &value) || name.isEmpty()) {
            form.error =
                QStringLiteral("Form field %1 is not correctly percent-encoded UTF-8 text.").arg(i + 1);
            form.fields.clear();
            return form;
        }
        form.fields.append({name, value});
    }
    return form;
}

bool FormParser::Form::has(const QString& name) const
{
    for (const auto& f : fields) {
        if (f.first == name)
            return true;
    }
    return false;
}

QString FormParser::Form::value(const QString& name, bool* duplicate) const
{
    QString result;
    int count = 0;
    for (const auto& f : fields) {
        if (f.first == name) {
            if (count++ == 0)
                result = f.second;
        }
    }
    if (duplicate)
        *duplicate = count > 1;
    return result;
}

QStringList FormParser::Form::values(const QString& name) const
{
    QStringList result;
    for (const auto& f : fields) {
        if (f.first == name)
            result.append(f.second);
    }
    return result;
}

} // namespace berth
