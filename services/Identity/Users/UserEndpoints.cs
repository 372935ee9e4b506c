using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Validation.AspNetCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Identity.Data;

namespace Ticketing.Identity.Users;

/// <summary>
/// The admin's user list: create, change roles and office, disable and enable again. Users are never deleted: the timelines and
/// audit lines of every service name them. Called with an access token of this server (OpenIddict's validation, in-process).
/// </summary>
public static class UserEndpoints
{
    /// <summary>The validators of the requests, and authorization for the admin-only group.</summary>
    public static WebApplicationBuilder AddUserAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatorsFromAssemblyContaining<NewUserValidator>();
        builder.Services.AddAuthorization();
        return builder;
    }

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/users").WithTags("Users 用户")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme })
            .RequireRoles(Roles.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapGet("/", List).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The users by user name, a page at a time (page, pageSize), with roles, office and whether disabled; search= matches " +
                         "the user name or display name, role= keeps one role's users.");
        users.MapGet("/{userName}", Get).WithSummary("One user by user name.");
        users.MapPost("/", Create).Validate<NewUser>().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Adds a user with roles, office (office staff only, and required for them) and a first password. 409 when the user name " +
                         "is taken (disabled users keep theirs).");
        users.MapPut("/{userName}", Change).Validate<UserDetails>().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Changes the display name, roles and office; the user's next token carries them. 422 when an admin would take away " +
                         "their own admin role.");
        users.MapPost("/{userName}/disable", Disable).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Disables the account: no more sign-in, no new tokens (a token already given stays valid until it expires, at most " +
                         "30 minutes). 422 for one's own account.");
        users.MapPost("/{userName}/enable", Enable).WithSummary("Lets a disabled user sign in again.");
        return app;
    }

    private static async Task<Page<UserView>> List(IdentityStoreDbContext db, TimeProvider clock, int? page, int? pageSize, string? search,
        string? role, CancellationToken cancellationToken)
    {
        var paging = PageRequest.From(page, pageSize);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            query = query.Where(u => u.UserName!.Contains(text) || u.DisplayName.Contains(text));
        }
        if (!string.IsNullOrWhiteSpace(role))
        {
            var roleId = db.Roles.Where(r => r.Name == role.Trim()).Select(r => r.Id);
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleId.Contains(ur.RoleId)));
        }
        var found = await query.OrderBy(u => u.UserName).ToPageAsync(paging, cancellationToken);
        var ids = found.Items.Select(u => u.Id).ToList();
        var roles = (await (from userRole in db.UserRoles
                    join r in db.Roles on userRole.RoleId equals r.Id
                    where ids.Contains(userRole.UserId)
                    select new { userRole.UserId, r.Name }).ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.Name!);
        var now = clock.GetUtcNow();
        return new Page<UserView>([.. found.Items.Select(u => UserView.Of(u, roles[u.Id], now))], found.PageNumber, found.PageSize, found.Total);
    }

    private static async Task<UserView> Get(string userName, UserManager<TicketingUser> users, TimeProvider clock) =>
        await ViewAsync(users, await FindAsync(users, userName), clock);

    private static async Task<IResult> Create(NewUser request, HttpContext http, IdentityStoreDbContext db, UserManager<TicketingUser> users,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var userName = request.UserName.Trim();
        if (await users.FindByNameAsync(userName) is not null) throw Taken(userName);
        var details = request.Details;
        var user = TicketingUser.Enrol(userName, details.DisplayName.Trim(), details.Office, http.Actor(), clock.GetUtcNow());
        return await AllOrNothingAsync(db, async () =>
        {
            var created = await users.CreateAsync(user, request.Password);
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName))) throw Taken(userName); // another admin, just now
            if (Refused(created) is { } refused) return refused;
            IdentityResults.ThrowIfFailed(await users.AddToRolesAsync(user, details.DistinctRoles), $"the roles of {userName}");
            return Results.Created($"users/{Uri.EscapeDataString(userName)}", await ViewAsync(users, user, clock));
        }, cancellationToken);
    }

    private static async Task<UserView> Change(string userName, UserDetails request, HttpContext http, IdentityStoreDbContext db,
        UserManager<TicketingUser> users, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await FindAsync(users, userName);
        var wanted = request.DistinctRoles;
        var held = await users.GetRolesAsync(user);
        if (IsSelf(http, user) && held.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin))
            throw new DomainRuleException("Own account", "You cannot take away your own admin role: ask another admin.", StatusCodes.Status422UnprocessableEntity);

        user.Describe(request.DisplayName.Trim(), request.Office, http.Actor(), clock.GetUtcNow());
        return await AllOrNothingAsync(db, async () =>
        {
            IdentityResults.ThrowIfFailed(await users.UpdateAsync(user), $"user {user.UserName}");
            IdentityResults.ThrowIfFailed(await users.RemoveFromRolesAsync(user, held.Except(wanted)), $"the roles of {user.UserName}");
            IdentityResults.ThrowIfFailed(await users.AddToRolesAsync(user, wanted.Except(held)), $"the roles of {user.UserName}");
            return await ViewAsync(users, user, clock);
        }, cancellationToken);
    }

    /// <summary>
    /// Identity saves after each call (the user, then each change of roles): in one transaction, so a user never stands half made.
    /// Under SQL Server's retrying execution strategy the transaction runs inside the strategy, as EF Core requires.
    /// </summary>
    private static async Task<T> AllOrNothingAsync<T>(IdentityStoreDbContext db, Func<Task<T>> work, CancellationToken cancellationToken) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });

    private static async Task<UserView> Disable(string userName, HttpContext http, UserManager<TicketingUser> users, TimeProvider clock)
    {
        var user = await FindAsync(users, userName);
        if (IsSelf(http, user))
            throw new DomainRuleException("Own account", "You cannot disable your own account: ask another admin.", StatusCodes.Status422UnprocessableEntity);
        user.Disable(http.Actor(), clock.GetUtcNow());
        IdentityResults.ThrowIfFailed(await users.UpdateAsync(user), $"user {user.UserName}");
        // A new stamp ends the sign-in cookie at its next check, so /connect/authorize asks again (and refuses).
        IdentityResults.ThrowIfFailed(await users.UpdateSecurityStampAsync(user), $"user {user.UserName}");
        return await ViewAsync(users, user, clock);
    }

    private static async Task<UserView> Enable(string userName, HttpContext http, UserManager<TicketingUser> users, TimeProvider clock)
    {
        var user = await FindAsync(users, userName);
        user.Enable(http.Actor(), clock.GetUtcNow());
        IdentityResults.ThrowIfFailed(await users.UpdateAsync(user), $"user {user.UserName}");
        return await ViewAsync(users, user, clock);
    }

    private static async Task<TicketingUser> FindAsync(UserManager<TicketingUser> users, string userName) =>
        await users.FindByNameAsync(userName.Trim()) ?? throw new NotFoundException("User", userName);

    private static async Task<UserView> ViewAsync(UserManager<TicketingUser> users, TicketingUser user, TimeProvider clock) =>
        UserView.Of(user, await users.GetRolesAsync(user), clock.GetUtcNow());

    /// <summary>The token's preferred_username is the caller's user name (<see cref="CallerClaims"/>).</summary>
    private static bool IsSelf(HttpContext http, TicketingUser user) =>
        string.Equals(http.Actor(), user.UserName, StringComparison.OrdinalIgnoreCase);

    private static DomainRuleException Taken(string userName) =>
        new("User exists", new Phrase("A user named {0} exists (perhaps disabled); change it with PUT /users/{0}, or choose another name.", userName));

    /// <summary>What Identity's own checks refuse (the validator says the same first), as a 400 on the field it concerns.</summary>
    private static IResult? Refused(IdentityResult result) => result.Succeeded
        ? null
        : Results.ValidationProblem(result.Errors.GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName")
            .ToDictionary(field => field.Key, field => field.Select(e => e.Description).ToArray()), title: "The request is not valid");
}
