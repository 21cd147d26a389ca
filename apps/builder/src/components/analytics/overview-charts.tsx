"use client";
// The overview's charts, drawn in the browser by Recharts (SVG): the days' amount paid as bars with visitors and paid
// orders as lines, and the range's new versus returning shoppers. Figures come from the server as they are; only the
// amount is turned from fen into yuan for the axis.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis, Cell } from "recharts";
import type { DayFigures } from "@kaidian/analytics";

export type ChartWords = { chartAmount: string; chartVisitors: string; chartPaidOrders: string; newBuyers: string; returningBuyers: string };

export function DailyChart({ days, words }: { days: DayFigures[]; words: ChartWords }) {
  const data = days.map((day) => ({ day: day.day.slice(5), amount: day.paidFen / 100, visitors: day.visitors, paidOrders: day.paidOrders }));
  return (
    <div className="h-72 w-full" data-testid="daily-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="amount" tick={{ fontSize: 12 }} width={64} />
          <YAxis yAxisId="count" orientation="right" allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
          <Tooltip />
          <Legend />
          <Bar yAxisId="amount" dataKey="amount" name={words.chartAmount} fill="#0ea5e9" isAnimationActive={false} />
          <Line yAxisId="count" dataKey="visitors" name={words.chartVisitors} stroke="#f97316" strokeWidth={2} isAnimationActive={false} />
          <Line yAxisId="count" dataKey="paidOrders" name={words.chartPaidOrders} stroke="#16a34a" strokeWidth={2} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

export function BuyersChart({ newBuyers, returningBuyers, words }: { newBuyers: number; returningBuyers: number; words: ChartWords }) {
  const data = [
    { name: words.newBuyers, value: newBuyers, color: "#0ea5e9" },
    { name: words.returningBuyers, value: returningBuyers, color: "#f97316" },
  ];
  return (
    <div className="h-56 w-full" data-testid="buyers-chart">
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <Pie data={data} dataKey="value" nameKey="name" innerRadius="50%" outerRadius="80%" isAnimationActive={false} label>
            {data.map((slice) => (
              <Cell key={slice.name} fill={slice.color} />
            ))}
          </Pie>
          <Tooltip />
          <Legend />
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}
