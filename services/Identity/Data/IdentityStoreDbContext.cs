using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Ticketing.Identity.Users;

namespace Ticketing.Identity.Data;

/// <summary>
/// Users, roles, lock-out (ASP.NET Core Identity) and OpenIddict's applications, authorizations, scopes and tokens,
/// in the identity service's own database. It derives from <see cref="IdentityDbContext{TUser}"/>, not from the
/// other services' ServiceDbContext: identity publishes and handles no events, so it has no outbox or inbox.
/// </summary>
public abstract class IdentityStoreDbContext(DbContextOptions options) : IdentityDbContext<TicketingUser, IdentityRole, string>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.Entity<TicketingUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(TicketingUser.DisplayNameLength);
            user.Property(u => u.OfficeCode).HasMaxLength(TicketingUser.OfficeCodeLength);
            user.Property(u => u.DisabledBy).HasMaxLength(TicketingUser.ActorLength);
            user.Property(u => u.ChangedBy).HasMaxLength(TicketingUser.ActorLength);
            user.HasIndex(u => u.OfficeCode);
        });
    }
}

public sealed class IdentitySqliteDbContext(DbContextOptions<IdentitySqliteDbContext> options) : IdentityStoreDbContext(options);

public sealed class IdentitySqlServerDbContext(DbContextOptions<IdentitySqlServerDbContext> options) : IdentityStoreDbContext(options);
