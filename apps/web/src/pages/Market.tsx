// Market page: not built yet.
export default function Market(_props: { id?: number }) {
  return <h1>Market</h1>;
}
