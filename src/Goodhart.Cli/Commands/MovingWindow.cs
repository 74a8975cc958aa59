namespace Goodhart.Cli.Commands;

/// <summary>Running means of return and performance over the last N episodes, for live readouts.</summary>
internal sealed class MovingWindow(int size)
{
    private readonly Queue<(double Return, double? Performance)> _items = new();
    private double _return, _performance;
    private int _counted;

    public void Add(double ret, double? performance)
    {
        _items.Enqueue((ret, performance));
        _return += ret;
        if (performance is { } p)
        {
            _performance += p;
            _counted++;
        }
        if (_items.Count > size)
        {
            var (r, q) = _items.Dequeue();
            _return -= r;
            if (q is { } x)
            {
                _performance -= x;
                _counted--;
            }
        }
    }

    public double MeanReturn => _items.Count == 0 ? 0 : _return / _items.Count;

    public double MeanPerformance => _counted == 0 ? double.NaN : _performance / _counted;
}
