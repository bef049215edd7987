using System.Text;
using SimpleActors.Msrp.Cpim;
using SimpleActors.Msrp.Imdn;
using SimpleActors.Msrp.Tests.Vectors;

namespace SimpleActors.Msrp.Tests.Imdn;

public class ImdnCpimTests
{
    private static readonly CpimAddress Alice = new("Alice", "im:alice@example.com");
    private static readonly CpimAddress Bob = new("Bob", "im:bob@example.com");
    private static readonly DateTimeOffset Sent = new(2006, 4, 4, 12, 16, 49, TimeSpan.FromHours(-5));

    private static CpimMessage Hello() => CpimMessage.Create(Alice, Bob, "text/plain", "Hello World"u8.ToArray());

    private static CpimMessage Requested(DispositionNotification notifications) =>
        ImdnCpim.Request(Hello(), "34jk324j", Sent, notifications);

    [Fact]
    public void A_request_declares_the_namespace_and_writes_the_RFC_5438_headers()
    {
        var message = Requested(DispositionNotification.PositiveDelivery | DispositionNotification.NegativeDelivery | DispositionNotification.Display);

        Assert.Equal(
            "From: Alice <im:alice@example.com>\r\nTo: Bob <im:bob@example.com>\r\nDateTime: 2006-04-04T12:16:49-05:00\r\n"
            + "NS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: 34jk324j\r\n"
            + "imdn.Disposition-Notification: positive-delivery, negative-delivery, display\r\n\r\n"
            + "Content-Type: text/plain\r\n\r\nHello World",
            Encoding.UTF8.GetString(CpimWriter.Write(message)));
    }

    [Fact]
    public void The_RFC_5438_request_example_reads_as_a_request()
    {
        var request = ImdnCpim.ReadRequest(CpimReader.Read(BodyVector.Load("cpim", "rfc5438-request.cpim")));

        Assert.Equal(new ImdnRequest("34jk324j", Sent, DispositionNotification.PositiveDelivery | DispositionNotification.NegativeDelivery), request);
    }

    [Fact]
    public void A_request_reads_back_whatever_prefix_the_sender_chose()
    {
        var message = CpimReader.Read(Encoding.UTF8.GetBytes(
            "From: <im:a@b>\r\nTo: <im:c@d>\r\nNS: x <urn:ietf:params:imdn>\r\nx.message-id: abc\r\nx.Disposition-Notification: Display, unknown-thing\r\n\r\nContent-Type: text/plain\r\n\r\n"));

        Assert.Equal(new ImdnRequest("abc", null, DispositionNotification.Display), ImdnCpim.ReadRequest(message));
    }

    [Fact]
    public void A_message_without_a_Message_ID_asks_for_nothing() => Assert.Null(ImdnCpim.ReadRequest(Hello()));

    [Fact]
    public void A_second_request_replaces_the_first_and_reuses_the_bound_prefix()
    {
        var message = ImdnCpim.Request(Requested(DispositionNotification.Display), "second", Sent, DispositionNotification.Processing);

        Assert.Single(message.Namespaces);
        Assert.Equal(2, message.Extensions.Count);
        Assert.Equal(new ImdnRequest("second", Sent, DispositionNotification.Processing), ImdnCpim.ReadRequest(message));
    }

    [Fact]
    public void The_imdn_prefix_taken_by_another_namespace_gets_another()
    {
        var message = Hello() with { Namespaces = [new CpimNamespace("imdn", "urn:example:other")] };

        var requested = ImdnCpim.Request(message, "m", Sent, DispositionNotification.Display);

        Assert.Equal("imdn1", requested.PrefixOf(ImdnCpim.HeaderNamespace));
        Assert.Equal(requested, CpimReader.Read(CpimWriter.Write(requested)));
    }

    [Fact]
    public void A_delivery_notification_answers_the_sender_of_the_message()
    {
        var original = Requested(DispositionNotification.PositiveDelivery | DispositionNotification.NegativeDelivery);
        var now = Sent.AddSeconds(3);

        var answer = ImdnCpim.Answer(original, Bob, DispositionType.Delivery, DispositionStatus.Delivered, "d834jied93rf", now);

        Assert.NotNull(answer);
        Assert.Equal(Bob, answer.From);
        Assert.Equal([Alice], answer.To);
        Assert.Equal(now, answer.DateTime);
        Assert.Equal("message/imdn+xml", answer.ContentType);
        Assert.Equal("notification", answer.MimeHeaderValue("Content-Disposition"));
        Assert.Equal(new ImdnRequest("d834jied93rf", now, DispositionNotification.None), ImdnCpim.ReadRequest(answer));
        Assert.Null(answer.Extension(ImdnCpim.HeaderNamespace, ImdnCpim.DispositionNotificationHeader));
        Assert.Equal(
            new ImdnDocument
            {
                MessageId = "34jk324j",
                DateTime = Sent,
                RecipientUri = "im:bob@example.com",
                OriginalRecipientUri = "im:bob@example.com",
                Disposition = DispositionType.Delivery,
                Status = DispositionStatus.Delivered,
            },
            ImdnReader.Read(answer.Content.Span));
    }

    [Fact]
    public void The_original_recipient_comes_from_Original_To()
    {
        var original = Requested(DispositionNotification.Display);
        original = original with { Extensions = [.. original.Extensions, new CpimHeader("imdn", "Original-To", ImdnCpim.HeaderNamespace, "<im:team@example.com>")] };

        var answer = ImdnCpim.Answer(original, Bob, DispositionType.Display, DispositionStatus.Displayed, "n1", Sent);

        Assert.Equal("im:team@example.com", ImdnReader.Read(answer!.Content.Span).OriginalRecipientUri);
    }

    [Fact]
    public void The_answer_to_the_RFC_5438_request_reads_like_the_RFC_notification()
    {
        var original = CpimReader.Read(BodyVector.Load("cpim", "rfc5438-request.cpim"));
        var expected = CpimReader.Read(BodyVector.Load("imdn", "rfc5438-notification.cpim"));

        var answer = ImdnCpim.Answer(original, Bob, DispositionType.Delivery, DispositionStatus.Delivered, "d834jied93rf", expected.DateTime!.Value)!;

        Assert.Equal(expected with { Content = default }, answer with { Content = default });
        Assert.Equal(ImdnReader.Read(expected.Content.Span), ImdnReader.Read(answer.Content.Span));
    }

    [Theory]
    [InlineData(DispositionNotification.PositiveDelivery, DispositionType.Delivery, DispositionStatus.Failed)]
    [InlineData(DispositionNotification.NegativeDelivery, DispositionType.Delivery, DispositionStatus.Delivered)]
    [InlineData(DispositionNotification.PositiveDelivery | DispositionNotification.NegativeDelivery, DispositionType.Display, DispositionStatus.Displayed)]
    [InlineData(DispositionNotification.Display, DispositionType.Processing, DispositionStatus.Processed)]
    [InlineData(DispositionNotification.None, DispositionType.Delivery, DispositionStatus.Delivered)]
    public void No_notification_is_sent_that_was_not_asked_for(DispositionNotification asked, DispositionType disposition, DispositionStatus status) =>
        Assert.Null(ImdnCpim.Answer(Requested(asked), Bob, disposition, status, "n", Sent));

    [Theory]
    [InlineData(DispositionNotification.NegativeDelivery, DispositionType.Delivery, DispositionStatus.Forbidden)]
    [InlineData(DispositionNotification.NegativeDelivery, DispositionType.Delivery, DispositionStatus.Error)]
    [InlineData(DispositionNotification.Display, DispositionType.Display, DispositionStatus.Error)]
    [InlineData(DispositionNotification.Processing, DispositionType.Processing, DispositionStatus.Stored)]
    public void A_notification_asked_for_is_sent(DispositionNotification asked, DispositionType disposition, DispositionStatus status) =>
        Assert.NotNull(ImdnCpim.Answer(Requested(asked), Bob, disposition, status, "n", Sent));

    [Fact]
    public void A_message_without_DateTime_gets_no_notification()
    {
        var original = Requested(DispositionNotification.Display) with { DateTime = null };

        Assert.Null(ImdnCpim.Answer(original, Bob, DispositionType.Display, DispositionStatus.Displayed, "n", Sent));
    }

    [Fact]
    public void An_IMDN_is_never_answered_with_an_IMDN()
    {
        // Even one that (wrongly) asks for it: RFC 5438 section 7.2.1.
        var notification = ImdnCpim.Answer(Requested(DispositionNotification.Display), Bob, DispositionType.Display, DispositionStatus.Displayed, "n", Sent)!;
        var asking = notification with
        {
            Extensions = [.. notification.Extensions, new CpimHeader("imdn", "Disposition-Notification", ImdnCpim.HeaderNamespace, "display")],
        };

        Assert.Null(ImdnCpim.Answer(asking, Alice, DispositionType.Display, DispositionStatus.Displayed, "n2", Sent));
    }

    [Fact]
    public void An_IMDN_cannot_request_an_IMDN()
    {
        var notification = ImdnCpim.Answer(Requested(DispositionNotification.Display), Bob, DispositionType.Display, DispositionStatus.Displayed, "n", Sent)!;

        Assert.Throws<InvalidOperationException>(() => ImdnCpim.Request(notification, "n", Sent, DispositionNotification.Display));
    }

    [Fact]
    public void A_status_that_does_not_fit_is_refused() =>
        Assert.Throws<ArgumentException>(() => ImdnCpim.Answer(Requested(DispositionNotification.Display), Bob, DispositionType.Display, DispositionStatus.Delivered, "n", Sent));

    [Fact]
    public void A_Message_ID_must_be_a_token() =>
        Assert.Throws<ArgumentException>(() => ImdnCpim.Request(Hello(), "has space", Sent, DispositionNotification.Display));

    [Fact]
    public void A_Message_ID_that_is_not_a_token_is_no_request()
    {
        var message = CpimReader.Read(Encoding.UTF8.GetBytes(
            "From: <im:a@b>\r\nTo: <im:c@d>\r\nNS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: a b\r\nimdn.Disposition-Notification: display\r\n\r\nContent-Type: text/plain\r\n\r\n"));

        Assert.Null(ImdnCpim.ReadRequest(message));
    }

    [Fact]
    public void A_Message_ID_that_XML_cannot_carry_gets_no_notification()
    {
        var message = CpimReader.Read(Encoding.UTF8.GetBytes(
            "From: <im:a@b>\r\nTo: <im:c@d>\r\nDateTime: 2006-04-04T12:16:49Z\r\nNS: imdn <urn:ietf:params:imdn>\r\nimdn.Message-ID: a\uFFFE\r\nimdn.Disposition-Notification: display\r\n\r\nContent-Type: text/plain\r\n\r\n"));

        Assert.NotNull(ImdnCpim.ReadRequest(message));
        Assert.Null(ImdnCpim.Answer(message, Bob, DispositionType.Display, DispositionStatus.Displayed, "n", Sent));
    }
}
