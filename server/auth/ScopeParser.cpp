#include "auth/ScopeParser.h"

#include "oci/Names.h"

namespace berth {

namespace {

bool isClassChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

bool isTypeChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
           (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
           (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') ||
           c == QLatin1Char('_') || c == QLatin1Char('.');
}

/// Shortens untrusted text for messages.
QString quoted(const QString& text)
{
    QString shown = text.left(80);
    for (QChar& c : shown) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = QLatin1Char('?');
    }
    return QLatin1Char('"') + shown + (text.size() > 80 ? QStringLiteral("...\"") : QStringLiteral("\""));
}

} // namespace

const QStringList& ScopeParser::knownActions()
{
    static const QStringList actions{QStringLiteral("pull"), QStringLiteral("push"), QStringLiteral("delete"),
                                     QStringLiteral("*")};
    return actions;
}

bool ScopeParser::parseOne(const QString& text, RequestedScope* scope, bool* ignored, QString* error)
{
    *ignored = false;
    if (text.size() > MaxScopeLength) {
        *error = QStringLiteral("The scope %1 is longer than %2 characters.")
                     .arg(quoted(text))
                     .arg(MaxScopeLength);
        return false;
    }
    const int first = int(text.indexOf(QLatin1Char(':')));
    const int last = int(text.lastIndexOf(QLatin1Char(':')));
    if (first < 0 || first == last) {
        *error = QStringLiteral("The scope %1 is not of the form type:name:actions.").arg(quoted(text));
        return false;
    }
    QString type = text.left(first);
    const QString name = text.mid(first + 1, last - first - 1);
    const QString actionText = text.mid(last + 1);

    QString resourceClass;
    const int open = int(type.indexOf(QLatin1Char('(')));
    if (open >= 0) {
        if (!type.endsWith(QLatin1Char(')')) || open == 0 || open + 2 >= type.size()) {
            *error = QStringLiteral("The scope %1 has a malformed resource class.").arg(quoted(text));
            return false;
        }
        resourceClass = type.mid(open + 1, type.size() - open - 2);
        type = type.left(open);
        for (QChar c : resourceClass) {
            if (!isClassChar(c)) {
                *error = QStringLiteral("The scope %1 has a malformed resource class.").arg(quoted(text));
                return false;
            }
        }
    }
    if (type.isEmpty() || name.isEmpty()) {
        *error = QStringLiteral("The scope %1 is not of the form type:name:actions.").arg(quoted(text));
        return false;
    }
    for (QChar c : type) {
        if (!isTypeChar(c)) {
            *error = QStringLiteral("The scope %1 has a malformed resource type.").arg(quoted(text));
            return false;
        }
    }
    for (QChar c : text) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f) {
            *error =
                QStringLiteral("The scope %1 contains characters that are not allowed.").arg(quoted(text));
            return false;
        }
    }

    QStringList actions;
    for (const QString& action : actionText.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (knownActions().contains(action) && !actions.contains(action))
            actions.append(action);
    }

    if (type == QLatin1String("repository")) {
        if (!Names::isValidRepositoryName(name)) {
            *error = QStringLiteral("The scope %1 names an invalid repository: names are lowercase letters, "
                                    "digits and separators (. _ __ - /), at most %2 characters.")
                         .arg(quoted(text))
                         .arg(Names::MaxRepositoryNameLength);
            return false;
        }
    } else if (type == QLatin1String("registry")) {
        if (name != QLatin1String("catalog")) {
            *ignored = true;
            return true;
        }
        actions.removeIf([](const QString& a) { return a != QLatin1String("*"); });
    } else {
        *ignored = true;
        return true;
    }
    scope->type = type;
    scope->resourceClass = resourceClass;
    scope->name = name;
    scope->actions = actions;
    return true;
}

ScopeParseResult ScopeParser::parse(const QStringList& parameters)
{
    ScopeParseResult result;
    int count = 0;
    for (const QString& parameter : parameters) {
        for (const QString& text : parameter.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (++count > MaxScopes) {
                result.scopes.clear();
                result.error = QStringLiteral("The request asks for more than %1 scopes.").arg(MaxScopes);
                return result;
            }
            RequestedScope scope;
            bool ignored = false;
            QString error;
            if (!parseOne(text, &scope, &ignored, &error)) {
                result.scopes.clear();
                result.error = error;
                return result;
            }
            if (ignored)
                continue;
            bool merged = false;
            for (RequestedScope& existing : result.scopes) {
                if (existing.type == scope.type && existing.name == scope.name) {
                    for (const QString& a : scope.actions) {
                        if (!existing.actions.contains(a))
                            existing.actions.append(a);
                    }
                    merged = true;
                    break;
                }
            }
            if (!merged)
                result.scopes.append(scope);
        }
    }
    return result;
}

} // namespace berth
