using FluentValidation;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Validation;

namespace Ticketing.Identity.Users;

/// <summary>A user as the admin sees them: roles, office, and whether (and since when, by whom) the account is disabled.</summary>
public sealed record UserView(
    string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? OfficeCode, bool Disabled, DateTimeOffset? DisabledAt,
    string? DisabledBy, bool LockedOut, DateTimeOffset? ChangedAt, string? ChangedBy)
{
    public static UserView Of(TicketingUser user, IEnumerable<string> roles, DateTimeOffset now) => new(user.Id, user.UserName ?? "",
        user.DisplayName, [.. roles.Order(StringComparer.Ordinal)], user.OfficeCode, user.IsDisabled, user.DisabledAt, user.DisabledBy,
        user.LockoutEnd > now, user.ChangedAt, user.ChangedBy);
}

/// <summary>A new user: the name they sign in with (never changes), the name shown, roles, the office of office staff, a first password.</summary>
public sealed record NewUser(string UserName, string DisplayName, IReadOnlyList<string> Roles, string Password, string? OfficeCode = null)
{
    public UserDetails Details => new(DisplayName, Roles, OfficeCode);
}

/// <summary>What an admin may change about a user: the name shown, the roles and the office.</summary>
public sealed record UserDetails(string DisplayName, IReadOnlyList<string> Roles, string? OfficeCode = null)
{
    public string? Office => string.IsNullOrWhiteSpace(OfficeCode) ? null : OfficeCode.Trim().ToUpperInvariant();

    public IReadOnlyList<string> DistinctRoles => [.. Roles.Select(r => r.Trim()).Distinct(StringComparer.Ordinal)];
}

/// <summary>The passwords an admin may give: as Identity checks them (see UserSetup), said before Identity is asked.</summary>
public static class UserPasswords
{
    public const int MinimumLength = 8, MaximumLength = 100;

    public static bool IsStrong(string? password) => password is not null && password.Any(char.IsUpper) && password.Any(char.IsLower)
                                                     && password.Any(char.IsDigit) && password.Any(c => !char.IsLetterOrDigit(c));
}

public sealed class UserDetailsValidator : AbstractValidator<UserDetails>
{
    public const string OfficeCodePattern = "^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$";

    public UserDetailsValidator()
    {
        RuleFor(u => u.DisplayName).NotEmpty().MaximumLength(TicketingUser.DisplayNameLength).SingleLine();
        RuleFor(u => u.Roles).NotEmpty().WithLocalisedMessage("'{PropertyName}' must name at least one role.");
        RuleForEach(u => u.Roles).Must(role => UserRoles.All.Contains(role?.Trim()))
            .WithLocalisedMessage("'{PropertyName}' must be one of agent, dispatcher, office, specialist, supervisor, admin.");
        RuleFor(u => u.OfficeCode).NotEmpty().When(u => u.Roles?.Any(r => r?.Trim() == Roles.Office) == true)
            .WithLocalisedMessage("Office staff need '{PropertyName}': the office they act for, such as SFS-DC.");
        RuleFor(u => u.OfficeCode).Empty().When(u => u.Roles?.Any(r => r?.Trim() == Roles.Office) != true)
            .WithLocalisedMessage("Only office staff have an office: leave '{PropertyName}' out.");
        RuleFor(u => u.OfficeCode).MaximumLength(TicketingUser.OfficeCodeLength).Matches(OfficeCodePattern)
            .When(u => !string.IsNullOrWhiteSpace(u.OfficeCode))
            .WithLocalisedMessage("'{PropertyName}' must be an office code such as SFS-DC.");
    }
}

public sealed class NewUserValidator : AbstractValidator<NewUser>
{
    public NewUserValidator()
    {
        RuleFor(u => u.UserName).NotEmpty().MaximumLength(TicketingUser.UserNameLength).Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$")
            .WithLocalisedMessage("'{PropertyName}' must be letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. clerk-dc2).");
        RuleFor(u => u.Password).NotEmpty().Length(UserPasswords.MinimumLength, UserPasswords.MaximumLength)
            .Must(UserPasswords.IsStrong)
            .WithLocalisedMessage("'{PropertyName}' needs 8 to 100 characters with an upper-case and a lower-case letter, a digit and a symbol.");
        RuleFor(u => u.Details).SetValidator(new UserDetailsValidator()).OverridePropertyName("");
    }
}
