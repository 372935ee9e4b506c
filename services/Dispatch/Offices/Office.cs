using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Data;

namespace Ticketing.Dispatch.Offices;

/// <summary>Where an office stands in the city: the hotline centre, a district or county, a street office or town, or a city department.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OfficeKind>))]
public enum OfficeKind { Centre, District, County, Subdistrict, Town, Department }

/// <summary>Someone at the office the hotline calls about its work (联系人).</summary>
public sealed record OfficeContact(string Name, string Phone, string? Duty = null);

/// <summary>
/// 承办单位: an office that does the work. Offices form a tree (city → county/district → street office or department);
/// a sub-office's code extends its parent's with '-', which is how every service scopes office staff without asking dispatch.
/// Offices are never deleted, because assignments name them; a closed office is inactive and routing passes it by.
/// </summary>
public sealed class Office : IVersioned
{
    public const int CodeLength = 40, NameLength = 100, ZoneLength = 64, CalendarLength = 40;
    public const string DefaultCalendar = "default", DefaultTimeZone = "Asia/Shanghai";

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public OfficeKind Kind { get; private set; }
    public string? Parent { get; private set; }

    /// <summary>The regions (e.g. DC-DH) under this office's jurisdiction; a region belongs to one office at most.</summary>
    public List<string> Regions { get; private set; } = [];

    public List<OfficeContact> Contacts { get; private set; } = [];

    /// <summary>The working-time calendar supervision counts this office's deadlines in.</summary>
    public string CalendarCode { get; private set; } = DefaultCalendar;

    /// <summary>IANA time zone of the office, for its deadlines and working hours.</summary>
    public string TimeZone { get; private set; } = DefaultTimeZone;

    public bool Active { get; private set; } = true;
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public int Version { get; set; }

    private Office() { }

    public static Office Open(string code, OfficeDetails details, string by, DateTimeOffset now)
    {
        var office = new Office { Code = code };
        office.Change(details, by, now);
        return office;
    }

    public void Change(OfficeDetails details, string by, DateTimeOffset now)
    {
        (Name, NameEn, Kind, Parent) = (details.Name, details.NameEn, details.Kind, details.Parent);
        Regions = [.. details.Regions];
        Contacts = [.. details.Contacts];
        (CalendarCode, TimeZone, Active) = (details.CalendarCode, details.TimeZone, details.Active);
        (UpdatedBy, UpdatedAt) = (by, now);
    }
}

/// <summary>Everything about an office but its code, which never changes once work has been sent to it.</summary>
public sealed record OfficeDetails(
    string Name, string NameEn, OfficeKind Kind, string? Parent, IReadOnlyList<string> Regions, IReadOnlyList<OfficeContact> Contacts,
    string CalendarCode, string TimeZone, bool Active);
