using System.Text;

namespace Goodhart.Web.ModelServer;

/// <summary>
/// The text of one choice as it is generated, character by character: drops the leading spaces of the
/// continuation (the policies answer <c> It's 7.</c> after <c>A:</c>), ends the choice at a stop sequence (which is
/// not kept), and hands out only text that can no longer turn out to be the start of a stop sequence.
/// </summary>
internal sealed class ChoiceText
{
    private readonly IReadOnlyList<string> _stops;
    private readonly StringBuilder _text = new();
    private int _emitted;

    public ChoiceText(IReadOnlyList<string> stops) => _stops = stops;

    /// <summary>Whether a stop sequence ended the choice.</summary>
    public bool Stopped { get; private set; }

    public string Text => _text.ToString();

    /// <summary>Adds one decoded character; returns true when it completed a stop sequence.</summary>
    public bool Append(string piece)
    {
        foreach (var c in piece)
        {
            if (_text.Length == 0 && c == ' ')
            {
                continue;
            }

            _text.Append(c);
            foreach (var stop in _stops)
            {
                if (EndsWith(stop))
                {
                    _text.Length -= stop.Length;
                    Stopped = true;
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Text not handed out yet that no stop sequence can still claim (all of it when <paramref name="final"/>).</summary>
    public string TakeReady(bool final)
    {
        var end = final ? _text.Length : _text.Length - HeldBack();
        if (end <= _emitted)
        {
            return "";
        }

        var ready = _text.ToString(_emitted, end - _emitted);
        _emitted = end;
        return ready;
    }

    private int HeldBack()
    {
        var held = 0;
        foreach (var stop in _stops)
        {
            for (var k = Math.Min(stop.Length - 1, _text.Length); k > held; k--)
            {
                if (EndsWith(stop.AsSpan(0, k)))
                {
                    held = k;
                    break;
                }
            }
        }

        return held;
    }

    private bool EndsWith(ReadOnlySpan<char> suffix)
    {
        if (suffix.Length > _text.Length)
        {
            return false;
        }

        var start = _text.Length - suffix.Length;
        for (var i = 0; i < suffix.Length; i++)
        {
            if (_text[start + i] != suffix[i])
            {
                return false;
            }
        }

        return true;
    }
}
