#include "iam/PolicyParser.h"

#include <QSet>
#include <algorithm>

namespace berth {

namespace {

constexpr int MaxConditionDepth = 16;
constexpr int MaxGroupNameLength = 100;

bool isWordChar(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' ||
           u == '_' || u == '.' || u == ':';
}

bool isSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

struct Token
{
    enum Kind
    {
        Word,
        Comma,
        LBrace,
        RBrace,
        Equal,
        NotEqual,
        Quoted,
        Slashed,
        End,
        Bad
    };
    Kind kind = End;
    QString text; ///< word text, or the unquoted value, or the error message for Bad
    int column = 0;
};

/// Splits one line into tokens on demand.
class Lexer
{
public:
    explicit Lexer(const QString& line) : m_line(line) {}

    const Token& peek(int ahead = 0)
    {
        while (m_buffer.size() <= ahead)
            m_buffer.append(lex());
        return m_buffer.at(ahead);
    }
    Token next()
    {
        peek();
        return m_buffer.takeFirst();
    }

private:
    Token lex()
    {
        while (m_pos < m_line.size() && isSpace(m_line.at(m_pos)))
            ++m_pos;
        Token t;
        t.column = static_cast<int>(m_pos) + 1;
        if (m_pos >= m_line.size()) {
            t.kind = Token::End;
            return t;
        }
        const QChar c = m_line.at(m_pos);
        if (isWordChar(c)) {
            const qsizetype start = m_pos;
            while (m_pos < m_line.size() && isWordChar(m_line.at(m_pos)))
                ++m_pos;
            t.kind = Token::Word;
            t.text = m_line.mid(start, m_pos - start);
            return t;
        }
        ++m_pos;
        switch (c.unicode()) {
        case ',':
            t.kind = Token::Comma;
            return t;
        case '{':
            t.kind = Token::LBrace;
            return t;
        case '}':
            t.kind = Token::RBrace;
            return t;
        case '=':
            t.kind = Token::Equal;
            return t;
        case '!':
            if (m_pos < m_line.size() && m_line.at(m_pos) == QLatin1Char('=')) {
                ++m_pos;
                t.kind = Token::NotEqual;
                return t;
            }
            t.kind = Token::Bad;
            t.text = QStringLiteral("'!' must be followed by '=' (the operator is !=)");
            return t;
        case '\'':
            return lexQuoted(t);
        case '/':
            return lexSlashed(t);
        default:
            break;
        }
        t.kind = Token::Bad;
        if (c == QLatin1Char('"'))
            t.text = QStringLiteral("values are written in single quotes ('value'), not double quotes");
        else
            t.text = QStringLiteral("unexpected character '%1'; names use letters, digits, '-', '_' and '.'")
                         .arg(QString(c));
        return t;
    }

    Token lexQuoted(Token t)
    {
        QString value;
        while (m_pos < m_line.size()) {
            const QChar c = m_line.at(m_pos++);
            if (c == QLatin1Char('\\') && m_pos < m_line.size() &&
                (m_line.at(m_pos) == QLatin1Char('\'') || m_line.at(m_pos) == QLatin1Char('\\'))) {
                value.append(m_line.at(m_pos++));
                continue;
            }
            if (c == QLatin1Char('\'')) {
                t.kind = Token::Quoted;
                t.text = value;
                return t;
            }
            value.append(c);
        }
        t.kind = Token::Bad;
        t.text =
            QStringLiteral("this quoted value has no closing quote; write a quote inside a value as \\'");
        return t;
    }

    /// /value/ ends at a '/' followed by a space, ',', '}' or the end of the line, so repository
    /// paths need no escaping: /base/*/ is the pattern base/*.
    Token lexSlashed(Token t)
    {
        for (qsizetype i = m_pos; i < m_line.size(); ++i) {
            if (m_line.at(i) != QLatin1Char('/'))
                continue;
            const bool last = i + 1 == m_line.size();
            const QChar after = last ? QChar() : m_line.at(i + 1);
            if (last || isSpace(after) || after == QLatin1Char(',') || after == QLatin1Char('}')) {
                t.kind = Token::Slashed;
                t.text = m_line.mid(m_pos, i - m_pos);
                m_pos = i + 1;
                return t;
            }
        }
        t.kind = Token::Bad;
        t.text = QStringLiteral("this /pattern/ has no closing '/'");
        m_pos = m_line.size();
        return t;
    }

    QString m_line;
    qsizetype m_pos = 0;
    QVector<Token> m_buffer;
};

QString describe(const Token& t)
{
    switch (t.kind) {
    case Token::Word:
        return QLatin1Char('\'') + t.text + QLatin1Char('\'');
    case Token::Comma:
        return QStringLiteral("','");
    case Token::LBrace:
        return QStringLiteral("'{'");
    case Token::RBrace:
        return QStringLiteral("'}'");
    case Token::Equal:
        return QStringLiteral("'='");
    case Token::NotEqual:
        return QStringLiteral("'!='");
    case Token::Quoted:
        return QStringLiteral("the value '%1'").arg(t.text);
    case Token::Slashed:
        return QStringLiteral("the value /%1/").arg(t.text);
    case Token::End:
        return QStringLiteral("the end of the line");
    case Token::Bad:
        break;
    }
    return QString();
}

bool isKeyword(const Token& t, const char* keyword)
{
    return t.kind == Token::Word && t.text.compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
}

/// Parses one statement line.
class LineParser
{
public:
    LineParser(const QString& line, int lineNumber) : m_lexer(line), m_lineNumber(lineNumber) {}

    std::optional<PolicyStatement> parse(PolicyError* error)
    {
        PolicyStatement s;
        s.line = m_lineNumber;
        const bool ok = parseStatement(s);
        if (!ok) {
            *error = m_error;
            return std::nullopt;
        }
        return s;
    }

private:
    bool fail(int column, const QString& message)
    {
        m_error = PolicyError{m_lineNumber, column, message};
        return false;
    }
    /// Fails at `t`: the lexer's own message for a bad token, else "<expected>, found <t>".
    bool failAt(const Token& t, const QString& expected)
    {
        if (t.kind == Token::Bad)
            return fail(t.column, t.text);
        return fail(t.column, expected + QStringLiteral(", found ") + describe(t));
    }

    bool parseStatement(PolicyStatement& s)
    {
        Token t = m_lexer.next();
        if (!isKeyword(t, "allow")) {
            if (isKeyword(t, "endorse") || isKeyword(t, "admit") || isKeyword(t, "define"))
                return fail(t.column,
                            QStringLiteral("'%1' statements are not supported; statements start with 'Allow'")
                                .arg(t.text));
            return failAt(t, QStringLiteral("a statement starts with 'Allow'"));
        }
        if (!parseSubject(s))
            return false;
        t = m_lexer.next();
        if (!isKeyword(t, "to")) {
            if (t.kind == Token::Word && !s.anyUser && isKeyword(m_lexer.peek(), "to"))
                return fail(t.column,
                            QStringLiteral("expected 'to' after the subject, found '%1' (separate group "
                                           "names with commas: group A, group B)")
                                .arg(t.text));
            return failAt(t, QStringLiteral("expected 'to' after the subject"));
        }

        t = m_lexer.next();
        const std::optional<Verb> verb =
            t.kind == Token::Word ? IamVocabulary::verbFromName(t.text) : std::optional<Verb>();
        if (!verb)
            return failAt(t, QStringLiteral("expected a verb (inspect, read, use or manage) after 'to'"));
        s.verb = *verb;

        t = m_lexer.next();
        if (t.kind != Token::Word)
            return failAt(t,
                          QStringLiteral("expected a resource type (repos or all-resources) after the verb"));
        const std::optional<ResourceType> type = IamVocabulary::resourceTypeFromName(t.text);
        if (!type)
            return fail(t.column,
                        QStringLiteral("unknown resource type '%1'; the known resource types are %2")
                            .arg(t.text, IamVocabulary::knownResourceTypesText()));
        s.resourceType = *type;

        t = m_lexer.next();
        if (!isKeyword(t, "in"))
            return failAt(t, QStringLiteral("expected 'in' after the resource type"));

        if (!parseLocation(s))
            return false;

        t = m_lexer.next();
        if (t.kind == Token::End)
            return true;
        if (!isKeyword(t, "where"))
            return failAt(t,
                          QStringLiteral("expected 'where' or the end of the statement after the location"));
        if (m_lexer.peek().kind == Token::End)
            return failAt(m_lexer.peek(), QStringLiteral("expected a condition after 'where'"));
        PolicyCondition condition;
        if (!parseCondition(condition, 0))
            return false;
        s.condition = std::move(condition);
        t = m_lexer.next();
        if (t.kind != Token::End)
            return failAt(t, QStringLiteral("expected the end of the statement after the condition (combine "
                                            "several conditions with all { ..., ... } or any { ..., ... })"));
        return true;
    }

    bool parseSubject(PolicyStatement& s)
    {
        Token t = m_lexer.next();
        if (isKeyword(t, "any-user")) {
            s.anyUser = true;
            return true;
        }
        if (isKeyword(t, "any-group") || isKeyword(t, "dynamic-group") || isKeyword(t, "service"))
            return fail(t.column, QStringLiteral(
                                      "the subject '%1' is not supported; write 'group <name>' or 'any-user'")
                                      .arg(t.text));
        if (!isKeyword(t, "group"))
            return failAt(t, QStringLiteral("expected 'group <name>' or 'any-user' after 'Allow'"));
        for (;;) {
            t = m_lexer.next();
            if (isKeyword(t, "id"))
                return fail(t.column,
                            QStringLiteral("groups are named here, not given by id: write group <name>"));
            if (t.kind != Token::Word || isKeyword(t, "to"))
                return failAt(t, QStringLiteral("expected a group name"));
            if (t.text.contains(QLatin1Char(':')))
                return fail(t.column,
                            QStringLiteral("group name '%1' contains ':'; group names use letters, digits, "
                                           "'-', '_' and '.'")
                                .arg(t.text));
            if (t.text.size() > MaxGroupNameLength)
                return fail(t.column, QStringLiteral("group name '%1...' is longer than %2 characters")
                                          .arg(t.text.left(20))
                                          .arg(MaxGroupNameLength));
            s.groups.append(t.text);
            s.groupColumns.append(t.column);
            if (m_lexer.peek().kind != Token::Comma)
                return true;
            m_lexer.next();
            if (isKeyword(m_lexer.peek(), "group"))
                m_lexer.next();
        }
    }

    bool parseLocation(PolicyStatement& s)
    {
        Token t = m_lexer.next();
        if (isKeyword(t, "tenancy")) {
            s.inTenancy = true;
            s.locationColumn = t.column;
            return true;
        }
        if (!isKeyword(t, "compartment"))
            return failAt(t, QStringLiteral("expected 'tenancy' or 'compartment <name>' after 'in'"));
        t = m_lexer.next();
        if (isKeyword(t, "id"))
            return fail(t.column,
                        QStringLiteral("compartments are named here, not given by id: write compartment "
                                       "<name> or <name>:<name>"));
        if (t.kind != Token::Word)
            return failAt(t, QStringLiteral("expected a compartment name after 'compartment'"));
        // Find the first bad name to point at it.
        const QStringList parts = t.text.split(QLatin1Char(':'));
        int offset = 0;
        for (const QString& part : parts) {
            const QString problem = CompartmentPath::nameProblem(part);
            if (!problem.isEmpty()) {
                if (part.isEmpty())
                    return fail(
                        t.column + offset,
                        QStringLiteral("the compartment path '%1' has an empty name; separate names with a "
                                       "single ':' as in Apps:Backend")
                            .arg(t.text));
                return fail(t.column + offset, problem);
            }
            offset += static_cast<int>(part.size()) + 1;
        }
        s.location = CompartmentPath(parts);
        s.locationColumn = t.column;
        return true;
    }

    bool parseCondition(PolicyCondition& out, int depth)
    {
        if (depth > MaxConditionDepth)
            return fail(
                m_lexer.peek().column,
                QStringLiteral("conditions are nested more than %1 levels deep").arg(MaxConditionDepth));
        Token t = m_lexer.next();
        if ((isKeyword(t, "all") || isKeyword(t, "any")) && m_lexer.peek().kind == Token::LBrace) {
            const bool all = isKeyword(t, "all");
            const QString word = all ? QStringLiteral("all") : QStringLiteral("any");
            m_lexer.next();
            if (m_lexer.peek().kind == Token::RBrace)
                return fail(
                    m_lexer.peek().column,
                    QStringLiteral("'%1 { }' needs at least one condition inside the braces").arg(word));
            std::vector<PolicyCondition> children;
            for (;;) {
                PolicyCondition child;
                if (!parseCondition(child, depth + 1))
                    return false;
                children.push_back(std::move(child));
                Token sep = m_lexer.next();
                if (sep.kind == Token::RBrace)
                    break;
                if (sep.kind != Token::Comma)
                    return failAt(sep,
                                  QStringLiteral("expected ',' or '}' in the %1 { ... } list").arg(word));
            }
            out = PolicyCondition::group(all ? PolicyCondition::Kind::All : PolicyCondition::Kind::Any,
                                         std::move(children), t.column);
            return true;
        }
        if (t.kind != Token::Word)
            return failAt(t, QStringLiteral("expected a condition such as target.repo.name = 'app/*'"));
        const std::optional<PolicyCondition::Variable> variable = PolicyCondition::variableFromName(t.text);
        if (!variable) {
            if (isKeyword(t, "all") || isKeyword(t, "any"))
                return failAt(m_lexer.peek(), QStringLiteral("expected '{' after '%1'").arg(t.text));
            return fail(t.column, QStringLiteral("unknown variable '%1'; the known variables are %2")
                                      .arg(t.text, PolicyCondition::knownVariablesText()));
        }
        const QString variableName = PolicyCondition::variableName(*variable);
        Token op = m_lexer.next();
        if (op.kind != Token::Equal && op.kind != Token::NotEqual)
            return failAt(op, QStringLiteral("expected '=' or '!=' after %1").arg(variableName));
        Token value = m_lexer.next();
        if (value.kind != Token::Quoted && value.kind != Token::Slashed)
            return failAt(value,
                          QStringLiteral("expected a value in single quotes ('base/*') or slashes (/base/*/) "
                                         "after '%1'")
                              .arg(op.kind == Token::Equal ? QStringLiteral("=") : QStringLiteral("!=")));
        out = PolicyCondition::comparison(*variable,
                                          op.kind == Token::Equal ? PolicyCondition::Operator::Equal
                                                                  : PolicyCondition::Operator::NotEqual,
                                          value.text, t.column, value.column);
        return true;
    }

    Lexer m_lexer;
    int m_lineNumber;
    PolicyError m_error;
};

int editDistance(const QString& a, const QString& b)
{
    QVector<int> prev(b.size() + 1), cur(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int cost = a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

/// The known name closest to `name` (same letters in another case, or at most two edits away).
QString suggestion(const QString& name, const QStringList& known)
{
    QString best;
    int bestDistance = 3;
    for (const QString& candidate : known) {
        if (candidate.compare(name, Qt::CaseInsensitive) == 0)
            return candidate;
        const int d = editDistance(name, candidate);
        if (d < bestDistance && d < std::max<int>(2, static_cast<int>(name.size()) / 2 + 1)) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

QString didYouMean(const QString& name, const QStringList& known)
{
    const QString s = suggestion(name, known);
    return s.isEmpty() ? QString() : QStringLiteral("; did you mean '%1'?").arg(s);
}

void validateCondition(const PolicyCondition& c, int line, const QStringList& sources,
                       QVector<PolicyError>& out)
{
    if (c.kind() != PolicyCondition::Kind::Comparison) {
        for (const PolicyCondition& child : c.children())
            validateCondition(child, line, sources, out);
        return;
    }
    if (c.variable() != PolicyCondition::Variable::NetworkSourceName)
        return;
    if (c.pattern().hasWildcard()) {
        const bool any = std::any_of(sources.begin(), sources.end(),
                                     [&](const QString& s) { return c.pattern().matches(s); });
        if (!any)
            out.append(PolicyError{line, c.valueColumn(),
                                   QStringLiteral("no network source name matches '%1'").arg(c.value())});
        return;
    }
    if (!sources.contains(c.value()))
        out.append(PolicyError{line, c.valueColumn(),
                               QStringLiteral("unknown network source '%1'").arg(c.value()) +
                                   didYouMean(c.value(), sources)});
}

} // namespace

PolicyParseResult PolicyParser::parse(const QString& text)
{
    PolicyParseResult result;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines.at(i);
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
            continue;
        LineParser parser(line, i + 1);
        PolicyError error;
        std::optional<PolicyStatement> statement = parser.parse(&error);
        if (!statement) {
            result.errors.append(error);
            continue;
        }
        statement->text = trimmed;
        result.statements.append(std::move(*statement));
    }
    return result;
}

QVector<PolicyError> PolicyParser::validate(const QVector<PolicyStatement>& statements,
                                            const PolicyValidationContext& context)
{
    QVector<PolicyError> errors;
    QSet<CompartmentPath> knownCompartments;
    if (context.compartments) {
        for (const CompartmentPath& p : *context.compartments) {
            // Every ancestor of a known compartment exists too.
            for (CompartmentPath q = p; !q.isTenancy(); q = q.parent())
                knownCompartments.insert(q);
        }
    }
    for (const PolicyStatement& s : statements) {
        if (context.groups) {
            for (int g = 0; g < s.groups.size(); ++g) {
                const QString& name = s.groups.at(g);
                if (!context.groups->contains(name))
                    errors.append(PolicyError{s.line, s.groupColumns.value(g),
                                              QStringLiteral("unknown group '%1'").arg(name) +
                                                  didYouMean(name, *context.groups)});
            }
        }
        if (s.inTenancy && !context.attachedTo.isTenancy()) {
            errors.append(PolicyError{
                s.line, s.locationColumn,
                QStringLiteral(
                    "'tenancy' can only be used in a policy attached to the tenancy; this policy is "
                    "attached to %1, so name a compartment under it or attach the policy to the tenancy")
                    .arg(context.attachedTo.describe())});
        } else if (!s.inTenancy && context.compartments) {
            CompartmentPath prefix = context.attachedTo;
            int offset = 0;
            for (const QString& name : s.location.names()) {
                const CompartmentPath parent = prefix;
                prefix = prefix.resolved(CompartmentPath(QStringList{name}));
                if (!knownCompartments.contains(prefix)) {
                    QStringList siblings;
                    for (const CompartmentPath& k : std::as_const(knownCompartments)) {
                        if (k.parent() == parent && k.depth() == parent.depth() + 1)
                            siblings.append(k.name());
                    }
                    siblings.sort();
                    QString message = QStringLiteral("unknown compartment %1").arg(prefix.toString());
                    if (!context.attachedTo.isTenancy())
                        message +=
                            QStringLiteral(" (paths are relative to %1, where this policy is attached)")
                                .arg(context.attachedTo.describe());
                    message += didYouMean(name, siblings);
                    errors.append(PolicyError{s.line, s.locationColumn + offset, message});
                    break;
                }
                offset += static_cast<int>(name.size()) + 1;
            }
        }
        if (s.condition && context.networkSources)
            validateCondition(*s.condition, s.line, *context.networkSources, errors);
    }
    return errors;
}

PolicyParseResult PolicyParser::parseAndValidate(const QString& text, const PolicyValidationContext& context)
{
    PolicyParseResult result = parse(text);
    result.errors += validate(result.statements, context);
    std::stable_sort(result.errors.begin(), result.errors.end(),
                     [](const PolicyError& a, const PolicyError& b) {
                         return a.line != b.line ? a.line < b.line : a.column < b.column;
                     });
    return result;
}

} // namespace berth
