using Ticketing.BuildingBlocks.Access;
using Microsoft.AspNetCore.Identity;
using Ticketing.BuildingBlocks.Hosting;

namespace Ticketing.Identity.Users;

/// <summary>One user of the sample city (示范市), as the embedded sample seeds it.</summary>
public sealed record SampleUser(string UserName, string DisplayName, string Role, string? OfficeCode = null);

/// <summary>
/// The sample city's users, one or more per role, office staff for offices of dispatch's sample directory. Seeded
/// only where <c>Identity:SeedSampleUsers</c> is true (the launcher's embedded sample), all with one password.
/// </summary>
public static class SampleUsers
{
    public static IReadOnlyList<SampleUser> All { get; } =
    [
        new("agent1", "话务员 王芳", Roles.Agent),
        new("agent2", "话务员 李强", Roles.Agent),
        new("dispatcher1", "派单员 赵敏", Roles.Dispatcher),
        new("clerk-dc", "东城区承办员 陈静", Roles.Office, "SFS-DC"),
        new("clerk-dcdh", "东华街道承办员 刘洋", Roles.Office, "SFS-DC-DH"),
        new("clerk-cg", "城市管理局承办员 孙伟", Roles.Office, "SFS-CG"),
        new("clerk-xc", "西城区承办员 周婷", Roles.Office, "SFS-XC"),
        new("clerk-bh", "北湖县承办员 吴刚", Roles.Office, "SFS-BH"),
        new("specialist1", "投诉专员 郑丽", Roles.Specialist),
        new("supervisor1", "督办主管 何军", Roles.Supervisor),
        new("admin1", "系统管理员 冯涛", Roles.Admin),
    ];

    /// <summary>
    /// Creates the sample users that are missing (with <paramref name="password"/>), and puts each one's name, office
    /// and role back as listed; a user that exists keeps its password. Safe to run at every start. Returns how many it created.
    /// </summary>
    public static async Task<int> SeedAsync(IServiceProvider services, string password, CancellationToken cancellationToken)
    {
        var users = services.GetRequiredService<UserManager<TicketingUser>>();
        var created = 0;
        foreach (var sample in All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = await users.FindByNameAsync(sample.UserName);
            if (user is null)
            {
                user = new TicketingUser { UserName = sample.UserName, DisplayName = sample.DisplayName, OfficeCode = sample.OfficeCode };
                IdentityResults.ThrowIfFailed(await users.CreateAsync(user, password), $"sample user {sample.UserName}");
                created++;
            }
            else if (user.DisplayName != sample.DisplayName || user.OfficeCode != sample.OfficeCode)
            {
                (user.DisplayName, user.OfficeCode) = (sample.DisplayName, sample.OfficeCode);
                IdentityResults.ThrowIfFailed(await users.UpdateAsync(user), $"sample user {sample.UserName}");
            }
            if (!await users.IsInRoleAsync(user, sample.Role))
                IdentityResults.ThrowIfFailed(await users.AddToRoleAsync(user, sample.Role), $"the role of sample user {sample.UserName}");
        }
        return created;
    }
}
