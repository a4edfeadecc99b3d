#include "api/LicenceJson.h"

#include "api/ApiSchema.h"

namespace berth {

namespace {

QJsonValue timeOrNull(const QDateTime& t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject scopeSchema()
{
    using S = ApiSchema;
    return S::object(
        {{QStringLiteral("kind"),
          S::stringEnum({QStringLiteral("repository"), QStringLiteral("compartment")})},
         {QStringLiteral("repository"), S::string(QStringLiteral("For kind repository: its name."))},
         {QStringLiteral("compartment"),
          S::string(QStringLiteral("For kind compartment: \"A:B\"; the licence gates every repository in "
                                   "it and below it that has none of its own."))}},
        {QStringLiteral("kind")});
}

QJsonObject formatSchema()
{
    return ApiSchema::stringEnum(
        {QStringLiteral("text"), QStringLiteral("markdown")},
        QStringLiteral("Plain text or Markdown (CommonMark; raw HTML is not shown)."));
}

} // namespace

QJsonObject LicenceJson::scope(const LicenceScope& scope)
{
    if (scope.kind == LicenceScope::Kind::Repository)
        return QJsonObject{{QStringLiteral("kind"), QStringLiteral("repository")},
                           {QStringLiteral("repository"), scope.repository}};
    return QJsonObject{{QStringLiteral("kind"), QStringLiteral("compartment")},
                       {QStringLiteral("compartment"), scope.compartment.toString()}};
}

QJsonObject LicenceJson::licence(const Licence& licence)
{
    return QJsonObject{{QStringLiteral("id"), licence.ocid},
                       {QStringLiteral("scope"), scope(licence.scope)},
                       {QStringLiteral("title"), licence.current.title},
                       {QStringLiteral("version"), licence.current.version},
                       {QStringLiteral("format"), licenceFormatName(licence.current.format)},
                       {QStringLiteral("text"), licence.current.body},
                       {QStringLiteral("publishedBy"), licence.current.publishedBy},
                       {QStringLiteral("publishedAt"), timeOrNull(licence.current.publishedAt)},
                       {QStringLiteral("createdAt"), timeOrNull(licence.createdAt)},
                       {QStringLiteral("updatedAt"), timeOrNull(licence.updatedAt)}};
}

QJsonObject LicenceJson::version(const LicenceVersion& version, bool current, qint64 acceptances)
{
    return QJsonObject{{QStringLiteral("version"), version.version},
                       {QStringLiteral("title"), version.title},
                       {QStringLiteral("format"), licenceFormatName(version.format)},
                       {QStringLiteral("text"), version.body},
                       {QStringLiteral("publishedBy"), version.publishedBy},
                       {QStringLiteral("publishedAt"), timeOrNull(version.publishedAt)},
                       {QStringLiteral("current"), current},
                       {QStringLiteral("acceptances"), acceptances}};
}

QJsonObject LicenceJson::acceptance(const LicenceAcceptance& a)
{
    return QJsonObject{{QStringLiteral("licence"), a.licenceOcid},
                       {QStringLiteral("scope"), scope(a.scope)},
                       {QStringLiteral("version"), a.version},
                       {QStringLiteral("title"), a.title},
                       {QStringLiteral("user"), a.userName},
                       {QStringLiteral("acceptedAt"), timeOrNull(a.acceptedAt)},
                       {QStringLiteral("clientAddress"), a.clientAddress},
                       {QStringLiteral("channel"), a.channel},
                       {QStringLiteral("currentVersion"), a.currentVersion}};
}

QJsonValue LicenceJson::forRepository(const QList<Licence>& all, const QString& repository,
                                      const CompartmentPath& compartment)
{
    const Licence* found = nullptr;
    bool inherited = false;
    for (const Licence& l : all) {
        if (l.scope.kind == LicenceScope::Kind::Repository && l.scope.repository == repository)
            found = &l;
    }
    if (!found) {
        // The nearest compartment above the repository that has a licence.
        int depth = -1;
        for (const Licence& l : all) {
            if (l.scope.kind == LicenceScope::Kind::Compartment &&
                l.scope.compartment.contains(compartment) && l.scope.compartment.depth() > depth) {
                found = &l;
                depth = l.scope.compartment.depth();
            }
        }
        inherited = found != nullptr;
    }
    if (!found)
        return QJsonValue();
    return QJsonObject{{QStringLiteral("title"), found->current.title},
                       {QStringLiteral("version"), found->current.version},
                       {QStringLiteral("inherited"), inherited}};
}

QJsonObject LicenceJson::licenceSchema()
{
    using S = ApiSchema;
    return S::object({{QStringLiteral("id"), S::string(QStringLiteral("ocid1.licence.berth..."))},
                      {QStringLiteral("scope"), scopeSchema()},
                      {QStringLiteral("title"), S::string()},
                      {QStringLiteral("version"), S::string(QStringLiteral("The version in force."))},
                      {QStringLiteral("format"), formatSchema()},
                      {QStringLiteral("text"), S::string()},
                      {QStringLiteral("publishedBy"), S::string()},
                      {QStringLiteral("publishedAt"), S::nullableDateTime()},
                      {QStringLiteral("createdAt"), S::nullableDateTime()},
                      {QStringLiteral("updatedAt"), S::nullableDateTime()}},
                     {QStringLiteral("id"), QStringLiteral("scope"), QStringLiteral("title"),
                      QStringLiteral("version"), QStringLiteral("format"), QStringLiteral("text"),
                      QStringLiteral("publishedBy"), QStringLiteral("publishedAt"),
                      QStringLiteral("createdAt"), QStringLiteral("updatedAt")});
}

QJsonObject LicenceJson::repositoryLicenceSchema()
{
    using S = ApiSchema;
    QJsonObject schema =
        S::object({{QStringLiteral("title"), S::string()},
                   {QStringLiteral("version"), S::string()},
                   {QStringLiteral("inherited"),
                    S::boolean(QStringLiteral("Set on a compartment above the repository."))}},
                  {QStringLiteral("title"), QStringLiteral("version"), QStringLiteral("inherited")},
                  QStringLiteral("The licence pulls need accepted first; null: none."));
    schema.insert(QStringLiteral("nullable"), true);
    return schema;
}

void LicenceJson::addSchemas(ApiTable& table)
{
    using S = ApiSchema;
    table.schemas.insert(QStringLiteral("LicenceScope"), scopeSchema());
    table.schemas.insert(QStringLiteral("Licence"), licenceSchema());
    table.schemas.insert(
        QStringLiteral("LicenceVersion"),
        S::object({{QStringLiteral("version"), S::string()},
                   {QStringLiteral("title"), S::string()},
                   {QStringLiteral("format"), formatSchema()},
                   {QStringLiteral("text"), S::string()},
                   {QStringLiteral("publishedBy"), S::string()},
                   {QStringLiteral("publishedAt"), S::nullableDateTime()},
                   {QStringLiteral("current"), S::boolean(QStringLiteral("The version in force."))},
                   {QStringLiteral("acceptances"), S::integer(QStringLiteral("Users who accepted it."))}},
                  {QStringLiteral("version"), QStringLiteral("title"), QStringLiteral("format"),
                   QStringLiteral("text"), QStringLiteral("publishedBy"), QStringLiteral("publishedAt"),
                   QStringLiteral("current"), QStringLiteral("acceptances")}));
    table.schemas.insert(
        QStringLiteral("LicenceAcceptance"),
        S::object(
            {{QStringLiteral("licence"), S::string(QStringLiteral("The licence's id."))},
             {QStringLiteral("scope"), S::ref(QStringLiteral("LicenceScope"))},
             {QStringLiteral("version"), S::string()},
             {QStringLiteral("title"), S::string(QStringLiteral("Of that version."))},
             {QStringLiteral("user"), S::string()},
             {QStringLiteral("acceptedAt"), S::dateTime()},
             {QStringLiteral("clientAddress"), S::string()},
             {QStringLiteral("channel"), S::stringEnum({QStringLiteral("portal"), QStringLiteral("api"),
                                                        QStringLiteral("cli"), QStringLiteral("console")})},
             {QStringLiteral("currentVersion"),
              S::boolean(QStringLiteral("The accepted version is still the one in force."))}},
            {QStringLiteral("licence"), QStringLiteral("scope"), QStringLiteral("version"),
             QStringLiteral("title"), QStringLiteral("user"), QStringLiteral("acceptedAt"),
             QStringLiteral("clientAddress"), QStringLiteral("channel"), QStringLiteral("currentVersion")}));
}

} // namespace berth
