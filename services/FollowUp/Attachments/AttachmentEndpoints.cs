using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.FollowUp.Cases;
using Ticketing.FollowUp.Data;

namespace Ticketing.FollowUp.Attachments;

public static class AttachmentEndpoints
{
    /// <summary>The largest file an office may attach.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder app)
    {
        var attachments = app.MapGroup("/cases/{id:guid}/attachments").WithTags("Handling cases")
            .RequireRoles([.. Roles.CallCentre, Roles.Office]);
        attachments.MapPost("/", Attach).RequireRoles(Roles.Office, Roles.Supervisor)
            .DisableAntiforgery() // token-authenticated API, no cookies: nothing to forge
            .WithMetadata(new RequestSizeLimitAttribute(MaxBytes + 64 * 1024)) // the file and the form around it
            .WithSummary("multipart/form-data with officeCode and file: a PNG, JPEG, GIF, WebP or PDF up to 10 MB, checked by its content " +
                         "(a renamed file is 415). 413 when larger.");
        attachments.MapGet("/{attachmentId:guid}", Download).WithSummary("The attached file, with the content type found in it.");
        return app;
    }

    private static async Task<IResult> Attach(Guid id, HttpContext http, FollowUpDbContext db, IAttachmentStore store,
        CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
            throw new DomainRuleException("Form expected", "Send multipart/form-data with the fields officeCode and file.", 415);
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var office = form["officeCode"].ToString().Trim();
        var file = form.Files.GetFile("file");
        if (office.Length == 0 || file is null)
            throw new DomainRuleException("Field missing", "Send the fields officeCode and file.", 400);
        if (file.Length > MaxBytes)
            throw new DomainRuleException("File too large", $"{file.FileName} is {file.Length:N0} bytes; attachments are at most 10 MB.", 413);
        if (file.Length == 0) throw new DomainRuleException("Empty file", $"{file.FileName} is empty.", 400);

        var caller = http.Caller();
        var handling = await db.Cases.VisibleTo(caller).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                       ?? throw new NotFoundException("Handling case", id);
        var officeCode = caller.ActsFor(office);

        await using var content = file.OpenReadStream();
        var head = new byte[FileSignatures.HeadLength];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        var contentType = FileSignatures.Detect(head.AsSpan(0, read))
                          ?? throw new DomainRuleException("Unsupported file",
                              $"{file.FileName} is not a PNG, JPEG, GIF, WebP or PDF by its content (whatever its name says).", 415);
        content.Position = 0;

        var attachment = new CaseAttachment
        {
            Id = Guid.NewGuid(), FileName = SafeName(file.FileName), ContentType = contentType, Size = file.Length, By = http.Actor(),
            At = db.Clock.GetUtcNow(),
        };
        handling.Attach(officeCode, attachment); // refuses before the bytes are stored
        await store.SaveAsync(handling.Id, attachment.Id, content, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            await store.DeleteAsync(handling.Id, attachment.Id, CancellationToken.None); // no file without its record
            throw;
        }
        return Results.Created($"attachments/{attachment.Id}", attachment);
    }

    private static async Task<IResult> Download(Guid id, Guid attachmentId, HttpContext http, FollowUpDbContext db, IAttachmentStore store,
        CancellationToken cancellationToken)
    {
        var handling = await db.Cases.AsNoTracking().VisibleTo(http.Caller()).FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                       ?? throw new NotFoundException("Handling case", id);
        var attachment = handling.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new NotFoundException("Attachment", attachmentId);
        var content = await store.OpenAsync(handling.Id, attachment.Id, cancellationToken)
                      ?? throw new NotFoundException("Attachment file", attachmentId);
        return Results.Stream(content, attachment.ContentType, attachment.FileName);
    }

    /// <summary>The uploaded name, kept for the download: no folders, no control characters, at most 200 characters.</summary>
    private static string SafeName(string name)
    {
        var clean = new string(Path.GetFileName(name.Replace('\\', '/')).Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? "attachment" : clean[..Math.Min(clean.Length, 200)];
    }
}
