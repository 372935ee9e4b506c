using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Validation;
using Ticketing.Supervision.Data;

namespace Ticketing.Supervision.Calendars;

public static class CalendarEndpoints
{
    private const string Days =
        "Working hours are wall-clock time in the calendar's time zone (or the timeZone given); a holiday has none, a make-up working day works " +
        "the normal weekday hours, and every day of a year the calendar does not hold is a plain weekday with its weekday's hours.";

    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/calendars").WithTags("Calendars")
            .RequireRoles([.. Roles.CallCentre, Roles.Office, Roles.Service])
            .ProducesProblem(StatusCodes.Status404NotFound);
        calendars.MapGet("/", List).WithSummary("The business calendars: code, name, time zone and the years each holds.");
        calendars.MapGet("/{code}", Get).WithName("GetCalendar")
            .WithSummary("A calendar: its working hours per weekday, time zone, and each year's holidays and make-up working days.");
        calendars.MapPost("/{code}/add-working-time", AddWorkingTime).Validate<AddWorkingTime>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("from + minutes of working time → until, at the calendar's offset then (the default calendar's code is 'default').")
            .WithDescription("A start outside working hours counts from the next working moment; time that runs out at the end of a period " +
                             "ends there. " + Days + " 404 for an unknown calendar, 422 for an unknown timeZone.");
        calendars.MapPost("/{code}/working-time-between", MeasureWorkingTime).Validate<MeasureWorkingTime>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("The working time from 'from' to 'to', in whole minutes (rounded down).")
            .WithDescription(Days + " 'to' before 'from' is 400; 404 for an unknown calendar, 422 for an unknown timeZone.");

        var admin = calendars.MapGroup("").RequireRoles(Roles.Admin).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/", Create).Validate<CreateCalendar>()
            .WithSummary("Creates a calendar (admin): code, name, timeZone (default Asia/Shanghai), workingHours (default Mon–Fri 09:00-12:00 " +
                         "and 13:30-18:00). 409 if the code is taken, 422 for an unknown time zone.");
        admin.MapPatch("/{code}", Edit).Validate<EditCalendar>()
            .WithSummary("Changes a calendar's name, time zone or working hours (admin); what is left out stays, new hours replace the week.");
        admin.MapPost("/{code}/years", AddYear).Validate<AddCalendarYear>()
            .WithSummary("Adds a year's holidays and make-up working days (admin). 409 if the calendar holds the year; 422 if a date is outside " +
                         "the year (the December before it allowed) or is both a holiday and a make-up day, in this year or another.");
        admin.MapPut("/{code}/years/{year:int}", ReplaceYear).Validate<ReplaceCalendarYear>()
            .WithSummary("Replaces the holidays and make-up working days of a year the calendar holds (admin); 404 if it holds no such year.");
        return app;
    }

    private static async Task<List<CalendarSummary>> List(SupervisionDbContext db, CancellationToken cancellationToken) =>
        (await db.Calendars.AsNoTracking().Include(c => c.Years).OrderBy(c => c.Code).ToListAsync(cancellationToken))
        .Select(c => new CalendarSummary(c.Code, c.Name, c.TimeZone, c.Years.Select(y => y.Year).Order().ToList())).ToList();

    private static async Task<CalendarView> Get(string code, SupervisionDbContext db, CancellationToken cancellationToken) =>
        CalendarView.Of(await FindAsync(db, code, tracked: false, cancellationToken));

    private static async Task<WorkingTimeAdded> AddWorkingTime(string code, AddWorkingTime request, SupervisionDbContext db, CalendarBook book,
        CancellationToken cancellationToken)
    {
        var calendar = await book.RequireAsync(db, code, request.TimeZone, cancellationToken);
        return new WorkingTimeAdded(calendar.AddWorkingTime(request.From, TimeSpan.FromMinutes(request.Minutes)));
    }

    private static async Task<WorkingTimeMeasured> MeasureWorkingTime(string code, MeasureWorkingTime request, SupervisionDbContext db,
        CalendarBook book, CancellationToken cancellationToken)
    {
        var calendar = await book.RequireAsync(db, code, request.TimeZone, cancellationToken);
        return new WorkingTimeMeasured(calendar.WorkingTimeBetween(request.From, request.To).Ticks / TimeSpan.TicksPerMinute);
    }

    private static async Task<IResult> Create(CreateCalendar request, HttpContext http, SupervisionDbContext db, CalendarBook book,
        CancellationToken cancellationToken)
    {
        var zone = TimeZones.Require(request.TimeZone ?? BusinessCalendar.DefaultTimeZone);
        var calendar = BusinessCalendar.Create(request.Code, request.Name, zone, request.WorkingHours?.ToWeekHours() ?? WeekHours.Standard,
            http.Actor(), db.Clock.GetUtcNow());
        if (await db.Calendars.AnyAsync(c => c.Code == calendar.Code, cancellationToken)) throw Taken(calendar.Code);
        db.Calendars.Add(calendar);
        await SaveAsync(db, () => Taken(calendar.Code), cancellationToken);
        book.Remember(calendar);
        return TypedResults.CreatedAtRoute(CalendarView.Of(calendar), "GetCalendar", new { code = calendar.Code });
    }

    private static async Task<CalendarView> Edit(string code, EditCalendar request, HttpContext http, SupervisionDbContext db, CalendarBook book,
        CancellationToken cancellationToken)
    {
        var calendar = await FindAsync(db, code, tracked: true, cancellationToken);
        var zone = request.TimeZone is null ? null : TimeZones.Require(request.TimeZone);
        calendar.Edit(request.Name, zone, request.WorkingHours?.ToWeekHours(), http.Actor(), db.Clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        book.Remember(calendar);
        return CalendarView.Of(calendar);
    }

    private static async Task<IResult> AddYear(string code, AddCalendarYear request, HttpContext http, SupervisionDbContext db, CalendarBook book,
        CancellationToken cancellationToken)
    {
        var calendar = await FindAsync(db, code, tracked: true, cancellationToken);
        calendar.AddYear(request.Year, request.Holidays, request.MakeUpWorkingDays ?? [], http.Actor(), db.Clock.GetUtcNow());
        await SaveAsync(db, () => new DbUpdateConcurrencyException(), cancellationToken);
        book.Remember(calendar);
        return TypedResults.CreatedAtRoute(CalendarView.Of(calendar), "GetCalendar", new { code = calendar.Code });
    }

    private static async Task<CalendarView> ReplaceYear(string code, int year, ReplaceCalendarYear request, HttpContext http, SupervisionDbContext db,
        CalendarBook book, CancellationToken cancellationToken)
    {
        var calendar = await FindAsync(db, code, tracked: true, cancellationToken);
        calendar.ReplaceYear(year, request.Holidays, request.MakeUpWorkingDays ?? [], http.Actor(), db.Clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        book.Remember(calendar);
        return CalendarView.Of(calendar);
    }

    private static async Task<BusinessCalendar> FindAsync(SupervisionDbContext db, string code, bool tracked, CancellationToken cancellationToken)
    {
        var calendars = tracked ? db.Calendars : db.Calendars.AsNoTracking();
        var normalised = BusinessCalendar.NormaliseCode(code);
        return await calendars.Include(c => c.Years).FirstOrDefaultAsync(c => c.Code == normalised, cancellationToken)
               ?? throw new NotFoundException("Calendar", code);
    }

    private static DomainRuleException Taken(string code) =>
        new("Calendar exists", $"A calendar with the code '{code}' exists already; change it with PATCH /calendars/{code}.");

    /// <summary>Two admins adding the same calendar or year at once: the second is told, as for any concurrent change.</summary>
    private static async Task SaveAsync(SupervisionDbContext db, Func<Exception> whenTaken, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
        {
            throw whenTaken();
        }
    }
}
