#include "api/UserEndpoints.h"

#include "api/ApiCall.h"
#include "api/ApiPage.h"
#include "api/ApiSchema.h"
#include "api/IdentityJson.h"
#include "iam/IdentityService.h"

namespace berth {

namespace {

IdentityService& identity(const ApiCall& call)
{
    return *call.services().identity;
}

ApiParameter userParameter()
{
    // Routed as the pattern's {name} so that a token id can follow as {param}; user names have no '/'.
    return ApiParameter{QStringLiteral("user"),
                        ApiParameter::In::Path,
                        QStringLiteral("The user name."),
                        ApiSchema::string(),
                        true,
                        true};
}

ApiReply list(ApiCall& call)
{
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    auto users = identity(call).users();
    if (!users)
        return ApiReply::error(users.error());
    QList<QPair<QString, QJsonObject>> items;
    for (const UserRecord& u : users.value())
        items.append({u.name, IdentityJson::user(u)});
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return ApiReply::ok(page.value().build(items));
}

ApiReply create(ApiCall& call)
{
    IdentityService::NewUser user;
    user.name = call.body().value(QStringLiteral("name")).toString();
    user.description = call.body().value(QStringLiteral("description")).toString();
    user.email = call.body().value(QStringLiteral("email")).toString();
    user.password = call.body().value(QStringLiteral("password")).toString();
    auto created = identity(call).createUser(user, call.actor());
    if (!created)
        return ApiReply::error(created.error());
    return ApiReply::created(IdentityJson::user(created.value()));
}

ApiReply me(ApiCall& call)
{
    auto user = identity(call).user(call.subject().userName);
    if (!user)
        return ApiReply::error(user.error());
    return ApiReply::ok(IdentityJson::user(user.value()));
}

ApiReply get(ApiCall& call)
{
    auto user = identity(call).user(call.path(QStringLiteral("user")));
    if (!user)
        return ApiReply::error(user.error());
    return ApiReply::ok(IdentityJson::user(user.value()));
}

ApiReply update(ApiCall& call)
{
    IdentityService& ids = identity(call);
    const QString name = call.path(QStringLiteral("user"));
    auto user = ids.user(name);
    if (!user)
        return ApiReply::error(user.error());
    const QJsonObject& body = call.body();
    if (body.contains(QStringLiteral("description")) || body.contains(QStringLiteral("email"))) {
        user =
            ids.updateUser(name, body.value(QStringLiteral("description")).toString(user.value().description),
                           body.value(QStringLiteral("email")).toString(user.value().email), call.actor());
        if (!user)
            return ApiReply::error(user.error());
    }
    if (body.contains(QStringLiteral("password"))) {
        if (auto set = ids.setPassword(name, body.value(QStringLiteral("password")).toString(), call.actor());
            !set)
            return ApiReply::error(set.error());
    }
    if (body.contains(QStringLiteral("locked"))) {
        user = ids.setUserLocked(name, body.value(QStringLiteral("locked")).toBool(), call.actor());
        if (!user)
            return ApiReply::error(user.error());
    }
    user = ids.user(name);
    if (!user)
        return ApiReply::error(user.error());
    return ApiReply::ok(IdentityJson::user(user.value()));
}

ApiReply remove(ApiCall& call)
{
    if (auto deleted = identity(call).deleteUser(call.path(QStringLiteral("user")), call.actor()); !deleted)
        return ApiReply::error(deleted.error());
    return ApiReply::noContent();
}

ApiReply listTokens(ApiCall& call)
{
    auto page = ApiPage::fromQuery(call.request().query);
    if (!page)
        return ApiReply::error(page.error());
    auto tokens = identity(call).authTokens(call.path(QStringLiteral("user")));
    if (!tokens)
        return ApiReply::error(tokens.error());
    QList<QPair<QString, QJsonObject>> items;
    // Oldest first, as IdentityService lists them: keyed by position so pages keep that order.
    for (int i = 0; i < tokens.value().size(); ++i)
        items.append({QString::number(i).rightJustified(8, QLatin1Char('0')),
                      IdentityJson::authToken(tokens.value().at(i))});
    return ApiReply::ok(page.value().build(items));
}

ApiReply createToken(ApiCall& call)
{
    auto created = identity(call).createAuthToken(call.path(QStringLiteral("user")),
                                                  call.body().value(QStringLiteral("description")).toString(),
                                                  call.actor());
    if (!created)
        return ApiReply::error(created.error());
    QJsonObject json = IdentityJson::authToken(created.value().token);
    json.insert(QStringLiteral("secret"), created.value().secret);
    return ApiReply::created(json);
}

ApiReply revokeToken(ApiCall& call)
{
    auto revoked = identity(call).revokeAuthToken(call.path(QStringLiteral("user")),
                                                  call.path(QStringLiteral("token")), call.actor());
    if (!revoked)
        return ApiReply::error(revoked.error());
    return ApiReply::noContent();
}

} // namespace

void UserEndpoints::add(ApiTable& table)
{
    using S = ApiSchema;
    const QString tag = QStringLiteral("users");
    const QString base = QStringLiteral("/api/v1/users");
    const QString one = base + QStringLiteral("/{user}");
    const QString tokens = one + QStringLiteral("/auth-tokens");

    ApiOperation all =
        ApiOperation::make("GET", base, QStringLiteral("listUsers"), tag,
                           QStringLiteral("Every user, by name."), ApiAccess::administrator(), list);
    all.parameters = ApiPage::parameters();
    all.responseSchema = S::page(S::ref(QStringLiteral("User")));
    table.operations.append(all);

    ApiOperation make =
        ApiOperation::make("POST", base, QStringLiteral("createUser"), tag,
                           QStringLiteral("Creates a local user."), ApiAccess::administrator(), create);
    make.requestSchema =
        S::object({{QStringLiteral("name"), S::string()},
                   {QStringLiteral("description"), S::string()},
                   {QStringLiteral("email"), S::string()},
                   {QStringLiteral("password"),
                    S::string(QStringLiteral("Absent: the user signs in with auth tokens only."))}},
                  {QStringLiteral("name")});
    make.status = 201;
    make.responseSchema = S::ref(QStringLiteral("User"));
    make.errorStatuses = {409};
    table.operations.append(make);

    ApiOperation self =
        ApiOperation::make("GET", base + QStringLiteral("/me"), QStringLiteral("getCurrentUser"), tag,
                           QStringLiteral("The signed-in user."), ApiAccess::signedIn(), me);
    self.responseSchema = S::ref(QStringLiteral("User"));
    self.errorStatuses = {404};
    table.operations.append(self);

    ApiOperation getOne = ApiOperation::make("GET", one, QStringLiteral("getUser"), tag,
                                             QStringLiteral("One user."), ApiAccess::self(), get);
    getOne.parameters = {userParameter()};
    getOne.responseSchema = S::ref(QStringLiteral("User"));
    getOne.errorStatuses = {404};
    table.operations.append(getOne);

    ApiOperation patch = ApiOperation::make(
        "PATCH", one, QStringLiteral("updateUser"), tag,
        QStringLiteral("Changes a user's description, email or password, or locks and unlocks them."),
        ApiAccess::administrator(), update);
    patch.parameters = {userParameter()};
    patch.requestSchema =
        S::object({{QStringLiteral("description"), S::string()},
                   {QStringLiteral("email"), S::string()},
                   {QStringLiteral("password"), S::string()},
                   {QStringLiteral("locked"), S::boolean(QStringLiteral("A locked user cannot sign in."))}});
    patch.responseSchema = S::ref(QStringLiteral("User"));
    patch.errorStatuses = {404, 409};
    table.operations.append(patch);

    ApiOperation del = ApiOperation::make("DELETE", one, QStringLiteral("deleteUser"), tag,
                                          QStringLiteral("Deletes a user with their auth tokens."),
                                          ApiAccess::administrator(), remove);
    del.parameters = {userParameter()};
    del.status = 204;
    del.errorStatuses = {404, 409};
    table.operations.append(del);

    ApiOperation tokenList =
        ApiOperation::make("GET", tokens, QStringLiteral("listAuthTokens"), tag,
                           QStringLiteral("The user's auth tokens, oldest first, never their secrets."),
                           ApiAccess::self(), listTokens);
    tokenList.parameters = {userParameter()};
    tokenList.parameters += ApiPage::parameters();
    tokenList.responseSchema = S::page(S::ref(QStringLiteral("AuthToken")));
    tokenList.errorStatuses = {404};
    table.operations.append(tokenList);

    ApiOperation tokenCreate =
        ApiOperation::make("POST", tokens, QStringLiteral("createAuthToken"), tag,
                           QStringLiteral("Creates an auth token; its secret is in this answer only."),
                           ApiAccess::self(), createToken);
    tokenCreate.parameters = {userParameter()};
    tokenCreate.requestSchema = S::object({{QStringLiteral("description"), S::string()}});
    tokenCreate.status = 201;
    tokenCreate.responseSchema = S::ref(QStringLiteral("CreatedAuthToken"));
    tokenCreate.errorStatuses = {404, 409};
    table.operations.append(tokenCreate);

    ApiOperation tokenRevoke = ApiOperation::make(
        "DELETE", tokens + QStringLiteral("/{token}"), QStringLiteral("revokeAuthToken"), tag,
        QStringLiteral("Revokes an auth token: it stops working at once."), ApiAccess::self(), revokeToken);
    tokenRevoke.parameters = {userParameter(),
                              ApiParameter{QStringLiteral("token"), ApiParameter::In::Path,
                                           QStringLiteral("The token's id."), S::string(), true, false}};
    tokenRevoke.status = 204;
    tokenRevoke.errorStatuses = {404};
    table.operations.append(tokenRevoke);
}

} // namespace berth
