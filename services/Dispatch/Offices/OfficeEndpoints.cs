using FluentValidation;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Contracts.Queries;
using Ticketing.Dispatch.Data;

namespace Ticketing.Dispatch.Offices;

/// <summary>An office as the admin describes it; the code is given once, on creation.</summary>
public sealed record OfficeInput(
    string Name, OfficeKind Kind, string? NameEn = null, string? Parent = null, IReadOnlyList<string>? Regions = null,
    IReadOnlyList<OfficeContact>? Contacts = null, string? CalendarCode = null, string? TimeZone = null, bool Active = true)
{
    public OfficeDetails Details => new(Name.Trim(), NameEn?.Trim() ?? "", Kind, string.IsNullOrWhiteSpace(Parent) ? null : Parent.Trim(),
        (Regions ?? []).Select(r => r.Trim()).ToList(), Contacts ?? [], CalendarCode?.Trim() ?? Office.DefaultCalendar,
        TimeZone?.Trim() ?? Office.DefaultTimeZone, Active);
}

public sealed record NewOffice(
    string Code, string Name, OfficeKind Kind, string? NameEn = null, string? Parent = null, IReadOnlyList<string>? Regions = null,
    IReadOnlyList<OfficeContact>? Contacts = null, string? CalendarCode = null, string? TimeZone = null, bool Active = true)
{
    public OfficeInput Input => new(Name, Kind, NameEn, Parent, Regions, Contacts, CalendarCode, TimeZone, Active);
}

public sealed class OfficeInputValidator : AbstractValidator<OfficeInput>
{
    public const string CodePattern = "^[A-Z0-9]+(-[A-Z0-9]+)*$", RegionPattern = "^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$";

    public OfficeInputValidator()
    {
        RuleFor(o => o.Name).NotEmpty().MaximumLength(Office.NameLength).SingleLine();
        RuleFor(o => o.NameEn).MaximumLength(Office.NameLength).SingleLine();
        RuleFor(o => o.Kind).IsInEnum();
        RuleFor(o => o.Parent).MaximumLength(Office.CodeLength).Matches(CodePattern).When(o => !string.IsNullOrWhiteSpace(o.Parent))
            .WithLocalisedMessage("'{PropertyName}' must be an office code such as SFS-DC.");
        RuleFor(o => o.Regions).Must(r => r is null || r.Count <= 50).WithLocalisedMessage("'{PropertyName}' may hold at most 50 regions.");
        RuleForEach(o => o.Regions).NotEmpty().MaximumLength(20).Matches(RegionPattern).WithLocalisedMessage("'{PropertyName}' must be a region code such as DC or DC-DH.");
        RuleFor(o => o.Contacts).Must(c => c is null || c.Count <= 10).WithLocalisedMessage("'{PropertyName}' may hold at most 10 people.");
        RuleForEach(o => o.Contacts).NotNull().ChildRules(contact =>
        {
            contact.RuleFor(c => c.Name).NotEmpty().MaximumLength(50).SingleLine();
            contact.RuleFor(c => c.Phone).NotEmpty().MaximumLength(30).Matches(@"^[0-9+\-() ]+$")
                .WithLocalisedMessage("'{PropertyName}' must be digits, spaces, '+', '-' or brackets.");
            contact.RuleFor(c => c.Duty).MaximumLength(50).SingleLine();
        });
        RuleFor(o => o.CalendarCode).MaximumLength(Office.CalendarLength).Matches("^[A-Za-z0-9-]+$")
            .When(o => o.CalendarCode is not null).WithLocalisedMessage("'{PropertyName}' must be letters, digits and '-', such as default.");
        RuleFor(o => o.TimeZone).MaximumLength(Office.ZoneLength).SingleLine();
    }
}

public sealed class NewOfficeValidator : AbstractValidator<NewOffice>
{
    public NewOfficeValidator()
    {
        RuleFor(o => o.Code).NotEmpty().MaximumLength(Office.CodeLength).Matches(OfficeInputValidator.CodePattern)
            .WithLocalisedMessage("'{PropertyName}' must be capital letters and digits in parts joined by '-', a sub-office extending its parent's (SFS-DC-DH under SFS-DC).");
        RuleFor(o => o.Input).SetValidator(new OfficeInputValidator()).OverridePropertyName("");
    }
}

public static class OfficeEndpoints
{
    public static IEndpointRouteBuilder MapOfficeEndpoints(this IEndpointRouteBuilder app)
    {
        var offices = app.MapGroup("/offices").WithTags("Offices");
        offices.MapGet("/", (OfficeDirectory directory, bool? active) =>
                directory.Offices.Where(o => active is null || o.Active == active).ToList())
            .WithSummary("The office tree (承办单位) with contacts, calendar and time zone; active=true for the offices work can go to.");
        offices.MapGet("/{code}", (string code, OfficeDirectory directory) =>
            directory.Find(code) ?? throw new NotFoundException("Office", code));
        offices.MapPost("/", Create).Validate<NewOffice>().RequireRoles(Roles.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Opens an office; its code extends its parent's. 409 when the code is taken, 422 naming what breaks the directory.");
        offices.MapPut("/{code}", Change).Validate<OfficeInput>().RequireRoles(Roles.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Changes an office (active=false closes it: routing passes it by, its work stays). 422 naming what breaks the directory.");
        offices.MapGet("/{code}/inbox", OfficeInbox.List).RequireRoles([.. Roles.CallCentre, Roles.Office])
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary($"The office's inbox: its assignments and its sub-offices', each with the deadline supervision announced (dueAt; " +
                         "none while waiting on the customer or once the work ended). dueBefore=<instant> keeps work due before it, overdue=true " +
                         $"work past its deadline. sort={OfficeInbox.Newest} (newest first, the default), {OfficeInbox.Oldest} or " +
                         $"{OfficeInbox.SoonestDue} (soonest due first, none last). Office staff read only their own office's (another's is 404); " +
                         "422 for an unknown office.");

        app.MapGet("/regions", (OfficeDirectory directory) => directory.Offices.Where(o => o.Active)
                .SelectMany(o => o.Regions.Select(region => new RegionView(region, o.Code, o.Name)))
                .OrderBy(r => r.Code, StringComparer.Ordinal).ToList())
            .WithTags("Offices").WithSummary("The regions of the city and the office whose jurisdiction each is.");
        return app;
    }

    private static async Task<IResult> Create(NewOffice request, HttpContext http, DispatchDbContext db, OfficeDirectory directory,
        CancellationToken cancellationToken)
    {
        var code = request.Code.Trim();
        if (await db.Offices.FindAsync([code], cancellationToken) is not null || directory.Find(code) is not null)
            throw new DomainRuleException("Office exists", $"An office with the code {code} exists; change it with PUT /offices/{code}.");
        var office = Office.Open(code, request.Input.Details, http.Actor(), db.Clock.GetUtcNow());
        EnsureWhole(directory, directory.Offices.Append(office));
        db.Offices.Add(office);
        await db.SaveChangesAsync(cancellationToken);
        await directory.ReloadAsync(db, cancellationToken);
        return Results.Created($"offices/{office.Code}", office);
    }

    private static async Task<Office> Change(string code, OfficeInput request, HttpContext http, DispatchDbContext db, OfficeDirectory directory,
        CancellationToken cancellationToken)
    {
        // Codes are capitals (the validator's pattern); the database compares them as stored.
        var office = await db.Offices.FindAsync([code.Trim().ToUpperInvariant()], cancellationToken) ?? throw new NotFoundException("Office", code);
        office.Change(request.Details, http.Actor(), db.Clock.GetUtcNow());
        EnsureWhole(directory, directory.Offices.Where(o => !o.Code.Equals(office.Code, StringComparison.OrdinalIgnoreCase)).Append(office));
        await db.SaveChangesAsync(cancellationToken);
        await directory.ReloadAsync(db, cancellationToken);
        return office;
    }

    /// <summary>422 naming every directory rule the change would break, and the valid offices when one is unknown.</summary>
    internal static void EnsureWhole(OfficeDirectory directory, IEnumerable<Office> offices, IEnumerable<Routing.RoutingRule>? rules = null)
    {
        var all = offices.ToList();
        var problems = DirectoryRules.ProblemsOf(all, (rules ?? directory.Rules).ToList());
        if (problems.Count == 0) return;
        var valid = problems.Any(p => p.Contains("not an office"))
            ? $" Valid offices: {string.Join(", ", all.Where(o => o.Active).Select(o => o.Code))}."
            : "";
        throw new DomainRuleException("Directory rule broken", string.Join(" ", problems) + valid, StatusCodes.Status422UnprocessableEntity)
        {
            Extensions = { ["problems"] = problems },
        };
    }
}
