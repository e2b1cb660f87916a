// Markets page: not built yet.
export default function Markets(_props: { id?: number }) {
  return <h1>Markets</h1>;
}
